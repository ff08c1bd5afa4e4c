/* Copy text without the soft hyphens (U+00AD) the build put into headings, table cells and the
   navigation (brochure/sphinxext/soft_hyphens.py): a copied word pastes whole. */
document.addEventListener("copy", (event) => {
  const selected = document.getSelection().toString();
  if (!selected.includes("\u00ad") || !event.clipboardData) return;
  event.clipboardData.setData("text/plain", selected.replaceAll("\u00ad", ""));
  event.preventDefault();
});
