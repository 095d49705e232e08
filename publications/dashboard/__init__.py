"""The independent scrutiny dashboard: figures from the shared figure functions of each
app, drawn as server-side SVG with their data beneath, with drill-down, exports and a PDF."""
