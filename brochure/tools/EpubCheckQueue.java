// Checks ePubs one after another in one Java VM, for brochure/tools/epub_check.py.
//
// Requests arrive on standard input, two lines each: the ePub, then where its JSON report goes.
// Each is checked by EPUBCheck's own command-line entry (EpubChecker.run, the code behind
// `java -jar epubcheck.jar BOOK --json REPORT`), and answered with one line on standard output:
// "done STATUS" (EPUBCheck's exit status), or "failed" after an exception, whose stack trace
// goes to standard error. Anything EPUBCheck prints itself goes to standard error too, so the
// answers stay one line each. The VM ends when standard input does.
//
// Run from its source (`java -cp epubcheck.jar EpubCheckQueue.java`): the Java runtime compiles
// it in memory, so nothing is built or stored.

import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckQueue {
    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String book;
        while ((book = requests.readLine()) != null) {
            String report = requests.readLine();
            if (report == null) {
                return;
            }
            try {
                int status = new EpubChecker().run(new String[] {book, "--json", report, "--quiet"});
                answers.println("done " + status);
            } catch (Throwable error) {
                error.printStackTrace();
                answers.println("failed");
            }
        }
    }
}
