using RnnNotebooks.Runner.Lesson;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// A notebook's learning goal, for the index: the paragraph that starts <c>**Learning goal.**</c> and, when it
/// ends by announcing a list ("By the end of this notebook you can"), the list after it.
/// </summary>
public static class LearningGoal
{
    const string Marker = "**Learning goal.**";

    /// <summary>The goal as HTML (maths left for KaTeX), or empty when the notebook states none.</summary>
    public static string HtmlOf(NotebookDocument notebook)
    {
        foreach (var cell in notebook.Cells.Where(c => (string?)c["cell_type"] == "markdown"))
        {
            string source = NotebookDocument.SourceOf(cell).Replace("\r\n", "\n");
            int at = source.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0) continue;
            var blocks = source[(at + Marker.Length)..].Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            string goal = blocks[0].Trim();
            if (blocks.Length > 1 && !goal.EndsWith('.') && char.IsDigit(blocks[1].TrimStart()[0])) goal += "\n\n" + blocks[1];
            return MarkdownRendering.ToHtml(goal);
        }
        return "";
    }
}
