using System.Text;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Apps;

/// <summary>One notebook's app: its text, or why the notebook cannot become one.</summary>
/// <param name="NotebookPath">The notebook.</param>
/// <param name="AppPath">Where its app goes (<c>notebooks/apps/NN-name.cs</c>).</param>
/// <param name="Text">The app's source, or null when the notebook breaks a rule.</param>
/// <param name="Error">The broken rule, with the cell and the fix.</param>
public sealed record GeneratedApp(string NotebookPath, string AppPath, string? Text, string? Error);

/// <summary>
/// <c>make-apps</c>: writes <c>notebooks/apps/NN-name.cs</c> for every notebook <c>notebooks/NN-*.ipynb</c>,
/// and <c>notebooks/apps/exercises/NN-name.cs</c> for every student version <c>notebooks/exercises/NN-*.ipynb</c>
/// (other sub-folders are not the course and are left out), and removes generated apps whose notebook is gone. A notebook that breaks a rule gets no app; the others are still written.
/// </summary>
public static class MakeAppsCommand
{
    /// <summary>Runs the command; 0 when every notebook became an app.</summary>
    public static int Run(string[] args)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine($"make-apps takes no arguments (got '{string.Join(' ', args)}'); it generates notebooks/apps/ from notebooks/*.ipynb.");
            return 2;
        }
        string root;
        try
        {
            root = RepositoryRoot.Find();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        var apps = Generate(Path.Combine(root, "notebooks"), root);
        foreach (var app in apps)
        {
            string shown = Path.GetRelativePath(root, app.AppPath);
            if (app.Text is null)
            {
                Console.Error.WriteLine($"{shown}: not written. {app.Error}");
                continue;
            }
            bool same = File.Exists(app.AppPath) && File.ReadAllText(app.AppPath) == app.Text;
            if (!same)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(app.AppPath)!);
                File.WriteAllText(app.AppPath, app.Text, new UTF8Encoding(false));
            }
            Console.WriteLine($"{shown}: {(same ? "up to date" : "written")}");
        }
        foreach (var stale in StaleApps(Path.Combine(root, "notebooks"), apps))
        {
            File.Delete(stale);
            Console.WriteLine($"{Path.GetRelativePath(root, stale)}: removed (its notebook is gone)");
        }
        int failed = apps.Count(a => a.Text is null);
        Console.WriteLine(failed == 0
            ? $"{apps.Count} apps in {Path.Combine("notebooks", NotebookApp.FolderName)}/ (the student versions' in {NotebookApp.ExercisesFolderName}/). Run one with: dotnet run notebooks/{NotebookApp.FolderName}/<name>.cs"
            : $"{failed} of {apps.Count} notebooks could not become apps; fix the cells named above and run make-apps again.");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The course's notebooks: <c>*.ipynb</c> directly in <paramref name="notebooksFolder"/>, in name order.</summary>
    public static IReadOnlyList<string> Notebooks(string notebooksFolder) =>
        [.. Directory.GetFiles(notebooksFolder, "*.ipynb", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)];

    /// <summary>Generates every notebook's app in memory.</summary>
    public static IReadOnlyList<GeneratedApp> Generate(string notebooksFolder, string repositoryRoot)
    {
        var apps = new List<GeneratedApp>();
        string studentVersions = Path.Combine(notebooksFolder, NotebookApp.ExercisesFolderName);
        foreach (var path in Notebooks(notebooksFolder).Concat(Directory.Exists(studentVersions) ? Notebooks(studentVersions) : []))
        {
            string appPath = NotebookApp.AppPath(path);
            try
            {
                apps.Add(new GeneratedApp(path, appPath, NotebookApp.Generate(NotebookDocument.Load(path), repositoryRoot), null));
            }
            catch (Exception e) when (e is NotebookAppException or NotebookFormatException)
            {
                apps.Add(new GeneratedApp(path, appPath, null, e.Message));
            }
        }
        return apps;
    }

    /// <summary>Generated apps (they carry the generator's header) whose notebook no longer exists.</summary>
    public static IEnumerable<string> StaleApps(string notebooksFolder, IReadOnlyList<GeneratedApp> apps)
    {
        string folder = Path.Combine(notebooksFolder, NotebookApp.FolderName);
        if (!Directory.Exists(folder)) return [];
        var current = apps.Select(a => Path.GetFullPath(a.AppPath)).ToHashSet();
        string students = Path.Combine(folder, NotebookApp.ExercisesFolderName);
        return Directory.GetFiles(folder, "*.cs").Concat(Directory.Exists(students) ? Directory.GetFiles(students, "*.cs") : [])
            .Where(f => !current.Contains(Path.GetFullPath(f)) && File.ReadLines(f).Take(5).Any(l => l.Contains(NotebookApp.Command, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
    }
}
