using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Site;

/// <summary>
/// The course as a book, written from the executed notebooks of one run: the learner's edition in
/// <c>artifacts/site/</c> and, when asked for, the teacher's edition in <c>artifacts/site-teacher/</c>. Each has
/// its pages, an index, a search index and the downloads.
/// </summary>
public static class BookSite
{
    /// <summary>The folder <paramref name="edition"/> is written to below <paramref name="artifactsFolder"/>.</summary>
    public static string FolderOf(string artifactsFolder, SiteEdition edition) =>
        Path.Combine(artifactsFolder, edition == SiteEdition.Teacher ? "site-teacher" : "site");

    /// <summary>Writes the page of one executed notebook in each of <paramref name="editions"/>.</summary>
    public static void WritePage(NotebookOutcome outcome, string artifactsFolder, IEnumerable<SiteEdition> editions)
    {
        if (outcome.ExecutedPath is null) return;
        var notebook = NotebookDocument.Load(outcome.ExecutedPath);
        int? failedAt = outcome.Status == NotebookStatus.Failed ? (outcome.Failure ?? outcome.Stopped)?.Cell ?? 0 : null;
        foreach (var edition in editions)
        {
            string folder = FolderOf(artifactsFolder, edition);
            var navigation = BookNavigation.For(outcome.Path, folder);
            var (html, search) = NotebookPage.Render(notebook, navigation, edition);
            PageLayout.Save(Path.Combine(folder, notebook.Name + ".html"), html);
            new BookPageRecord(notebook.Name, notebook.Title, LearningGoal.HtmlOf(notebook), outcome.Seconds, failedAt, search).Save(folder);
        }
    }

    /// <summary>Writes the index and the search index of each edition that has pages.</summary>
    public static void WriteIndexes(string artifactsFolder, IEnumerable<SiteEdition> editions)
    {
        foreach (var edition in editions)
        {
            string folder = FolderOf(artifactsFolder, edition);
            if (!Directory.Exists(folder)) continue;
            var pages = BookPageRecord.LoadAll(folder);
            SiteIndex.Write(pages, folder, edition);
            SearchIndex.Write(pages, folder);
        }
    }
}
