using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Tests.Notebooks;

[Collection(CourseCollection.Name)]
public sealed class CourseTests(CourseRunFixture course)
{
    [Fact]
    public void Every_notebook_in_the_course_runs_without_a_cell_error()
    {
        Assert.True(Directory.Exists(course.NotebooksFolder), "the course has no notebooks/ folder");
        Assert.NotEmpty(course.Outcomes);
        var failed = course.Outcomes.Where(o => o.Status != NotebookStatus.Succeeded).Select(o => o.Name).ToList();
        Assert.True(failed.Count == 0, $"Notebooks that failed: {string.Join(", ", failed)}.\n{course.Log}");
        Assert.All(course.Outcomes, o => Assert.Equal(o.CellCount, o.CellsRun));
    }

    [Fact]
    public void Every_notebook_is_committed_with_outputs_cleared()
    {
        foreach (var path in Directory.GetFiles(course.NotebooksFolder, "*.ipynb", SearchOption.AllDirectories))
        {
            var notebook = NotebookDocument.Load(path);
            Assert.All(notebook.CodeCells, cell =>
            {
                Assert.True(cell["outputs"] is System.Text.Json.Nodes.JsonArray { Count: 0 }, $"{path}: a code cell has outputs committed");
                Assert.True(cell["execution_count"] is null, $"{path}: a code cell has an execution count committed");
            });
        }
    }

    [Fact]
    public void Every_executed_notebook_has_a_page_and_the_index_links_it()
    {
        string index = File.ReadAllText(Path.Combine(course.SiteFolder, "index.html"));
        foreach (var outcome in course.Outcomes.Where(o => o.ExecutedPath is not null))
        {
            Assert.True(File.Exists(Path.Combine(course.SiteFolder, outcome.Name + ".html")), $"no page for {outcome.Name}");
            Assert.Contains($"href=\"{outcome.Name}.html\"", index);
        }
    }
}
