using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Tests.Architecture;

/// <summary>
/// The library's folders depend on each other in one direction (the data walk: text, layers, loss, BPTT,
/// training, display), and the maths never sees the display. Read from the source: every
/// <c>using RnnNotebooks.X</c> line and every <c>RnnNotebooks.X.</c> qualified name, where X is a folder.
/// </summary>
public class FolderDependencyTests
{
    static readonly string Library = Path.Combine(RepositoryRoot.Find(), "src", "RnnNotebooks");

    // Only Display may know the notebook, chart and page packages (Markdig renders the lesson pages' markdown).
    static readonly string[] DisplayOnly = ["RnnNotebooks.Display", "Plotly.NET", "Microsoft.DotNet.Interactive", "Markdig"];

    [Fact]
    public void No_cycle_between_the_library_folders()
    {
        var graph = FolderGraph();
        Assert.True(graph.Count >= 5, $"only {graph.Count} folders found under {Library}");
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"the folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Only_Display_references_the_display_packages()
    {
        var offences = SourceFiles()
            .Where(f => f.Folder != "Display")
            .SelectMany(f => DisplayOnly.Where(name => Code(f.Path).Contains(name, StringComparison.Ordinal))
                .Select(name => $"{Path.GetRelativePath(Library, f.Path)} references {name}"))
            .ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_and_accepts_a_chain()
    {
        var cyclic = new Dictionary<string, HashSet<string>>
        {
            ["Text"] = [], ["Training"] = ["Text", "Display"], ["Display"] = ["Classroom"], ["Classroom"] = ["Training"],
        };
        Assert.Equal(["Classroom", "Training", "Display", "Classroom"], FindCycle(cyclic));
        var chain = new Dictionary<string, HashSet<string>> { ["Text"] = [], ["Training"] = ["Text"], ["Display"] = ["Training", "Text"] };
        Assert.Null(FindCycle(chain));
    }

    static IEnumerable<(string Folder, string Path)> SourceFiles() =>
        Directory.GetDirectories(Library)
            .Select(Path.GetFileName)
            .Where(d => d is not ("bin" or "obj"))
            .SelectMany(d => Directory.GetFiles(Path.Combine(Library, d!), "*.cs", SearchOption.AllDirectories)
                .Select(p => (d!, p)));

    // The source without its comments, so a sentence about a folder is not a dependency on it.
    static string Code(string path) =>
        Regex.Replace(File.ReadAllText(path), @"//[^\n]*|/\*.*?\*/", "", RegexOptions.Singleline);

    static Dictionary<string, HashSet<string>> FolderGraph()
    {
        var files = SourceFiles().ToList();
        var folders = files.Select(f => f.Folder).ToHashSet();
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>());
        var reference = new Regex(@"\busing\s+(?:static\s+)?RnnNotebooks\.(\w+)|\bRnnNotebooks\.(\w+)\.");
        foreach (var (folder, path) in files)
            foreach (Match m in reference.Matches(Code(path)))
            {
                string target = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (target != folder && folders.Contains(target)) graph[folder].Add(target);
            }
        return graph;
    }

    /// <summary>A cycle of the graph as the folders along it (the first repeated at the end), or null.</summary>
    internal static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 on the current path, 2 finished
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1) return [.. path.Skip(path.IndexOf(next)), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        return null;
    }
}
