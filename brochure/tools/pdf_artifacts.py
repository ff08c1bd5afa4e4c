"""Running heads and page numbers as artifacts, as PDF/UA-1 requires (ISO 14289-1, 7.8).

WeasyPrint 70 marks the text of the page margin boxes (our running head and page number) as
tagged content, with structure elements that it leaves out of the structure tree on purpose
(its comment: an ``Artifact`` there would need PDF 2.0). Such content is neither real content
reachable from the tree nor an artifact. In PDF 1.7 the right marking is in the content
stream: ``/Artifact <</Type /Pagination>> BDC`` instead of ``/Span <</MCID n>> BDC``. No tool
here does that, so this module rewrites those marked-content sequences with pikepdf: every
sequence whose MCID points to a structure element that the tree does not reach becomes a
pagination artifact, and its entry in the parent tree is cleared. Content the tree reaches is
left as it is. Objects are written in a fixed order (``deterministic_id``), so the output
stays byte-identical from one build to the next.
"""

from __future__ import annotations

import io

import pikepdf


def _reachable(root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """Every structure element reachable from the structure tree root."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in seen:
                seen.add(kid.objgen)
                stack.append(kid)
    return seen


def mark_margin_artifacts(data: bytes) -> bytes:
    """The PDF with its unreachable marked content turned into pagination artifacts."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        reachable = _reachable(root)
        nums = root.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            mapping = parents.get(int(page.get("/StructParents", -1)))
            if not isinstance(mapping, pikepdf.Array):
                continue
            instructions = pikepdf.parse_content_stream(page)
            changed = False
            for index, (operands, operator) in enumerate(instructions):
                if str(operator) != "BDC" or not isinstance(operands[1], pikepdf.Dictionary) \
                        or "/MCID" not in operands[1]:
                    continue
                mcid = int(operands[1].MCID)
                element = mapping[mcid] if mcid < len(mapping) else None
                if isinstance(element, pikepdf.Dictionary) and element.objgen in reachable:
                    continue
                artifact = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
                instructions[index] = pikepdf.ContentStreamInstruction(artifact, pikepdf.Operator("BDC"))
                if mcid < len(mapping):
                    mapping[mcid] = pikepdf.Object.parse(b"null")
                changed = True
            if changed:
                page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return output.getvalue()
