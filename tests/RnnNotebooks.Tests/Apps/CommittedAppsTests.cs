using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Apps;

/// <summary>notebooks/apps/ as committed: one app per notebook, each what make-apps writes today, each a valid program.</summary>
public sealed class CommittedAppsTests
{
    static readonly string Root = RepositoryRoot.Find();
    static readonly string NotebooksFolder = Path.Combine(Root, "notebooks");
    static readonly Lazy<IReadOnlyList<GeneratedApp>> Generated = new(() => MakeAppsCommand.Generate(NotebooksFolder, Root));
    const string Fix = $"Run '{NotebookApp.Command}' and commit notebooks/apps/.";

    [Fact]
    public void Every_notebook_becomes_an_app()
    {
        Assert.NotEmpty(Generated.Value);
        foreach (var app in Generated.Value)
            Assert.True(app.Text is not null, $"{Path.GetFileName(app.NotebookPath)} cannot become an app: {app.Error}");
    }

    [Fact]
    public void The_committed_apps_are_up_to_date_with_the_notebooks()
    {
        foreach (var app in Generated.Value.Where(a => a.Text is not null))
        {
            string shown = Path.GetRelativePath(Root, app.AppPath);
            Assert.True(File.Exists(app.AppPath), $"{shown} is missing. {Fix}");
            Assert.True(File.ReadAllText(app.AppPath) == app.Text,
                $"{shown} is out of date with {Path.GetRelativePath(Root, app.NotebookPath)}. {Fix}");
        }
        var stale = MakeAppsCommand.StaleApps(NotebooksFolder, Generated.Value).Select(p => Path.GetRelativePath(Root, p)).ToList();
        Assert.True(stale.Count == 0, $"Generated apps without a notebook: {string.Join(", ", stale)}. {Fix}");
    }

    [Fact]
    public void Generating_again_gives_byte_identical_files_with_LF_line_endings()
    {
        var again = MakeAppsCommand.Generate(NotebooksFolder, Root);
        Assert.Equal(Generated.Value.Select(a => a.Text), again.Select(a => a.Text));
        Assert.All(again, a => Assert.DoesNotContain('\r', a.Text ?? ""));
    }

    [Fact]
    public void Every_app_compiles_against_the_library_without_errors_or_warnings()
    {
        foreach (var app in Generated.Value.Where(a => a.Text is not null))
        {
            var problems = AppCompilation.Problems(app.Text!, app.AppPath);
            Assert.True(problems.Count == 0, $"{Path.GetFileName(app.AppPath)}:\n{string.Join('\n', problems)}");
        }
    }
}
