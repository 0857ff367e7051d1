using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// The Jupyter kernelspec (<c>kernels/.net-csharp/kernel.json</c>) the course's notebooks name. It matches
/// what the tool's own <c>jupyter install</c> writes (name, display name, language, <c>jupyter
/// --default-kernel csharp</c>), with three differences: argv starts the tool installed by
/// <c>kernel install</c> and adds <c>--http-local-only</c> (otherwise the kernel listens on every network
/// interface); <c>env</c> points <c>RestoreAdditionalProjectSources</c> at the library's local feed, so
/// <c>#r "nuget: RnnNotebooks, *-*"</c> finds it; and the metadata names RnnNotebooks as owner instead
/// of the Polyglot Notebooks extension (VS Code's Jupyter extension hides kernelspecs owned by an
/// installed extension, which would send the notebooks to a kernel without the FSharp.Core fix).
/// </summary>
public sealed record KernelSpec(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Env)
{
    /// <summary>The kernelspec name the notebooks' metadata refers to.</summary>
    public const string Name = ".net-csharp";

    /// <summary>The name Jupyter and VS Code show in their kernel pickers.</summary>
    public const string DisplayName = ".NET (C#)";

    /// <summary>The language Jupyter reports for the kernel.</summary>
    public const string Language = "C#";

    /// <summary>The metadata key that marks a kernelspec as written by <c>kernel install</c>.</summary>
    const string OwnerKey = "rnnnotebooks";

    /// <summary>The kernelspec that starts <paramref name="tool"/> with the library feed <paramref name="feedFolder"/> as package source.</summary>
    public static KernelSpec For(KernelTool tool, string feedFolder)
    {
        var env = KernelTool.LaunchEnvironment();
        env[Feed.LocalFeed.SourcesVariable] = Path.GetFullPath(feedFolder);
        return new KernelSpec(
            [tool.Launcher, "jupyter", "--default-kernel", "csharp", "--http-local-only", "--http-port-range", "2048-3000", "{connection_file}"],
            env);
    }

    /// <summary>The kernel.json text.</summary>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["argv"] = new JsonArray(Argv.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["display_name"] = DisplayName,
            ["language"] = Language,
            ["env"] = new JsonObject(Env.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))),
            ["metadata"] = new JsonObject
            {
                [OwnerKey] = new JsonObject
                {
                    ["installed_by"] = "dotnet run --project src/RnnNotebooks.Runner -c Release -- kernel install",
                    ["remove_with"] = "dotnet run --project src/RnnNotebooks.Runner -c Release -- kernel uninstall",
                },
            },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>True when the kernelspec folder holds a kernel.json written by <c>kernel install</c>.</summary>
    public static bool IsOurs(string kernelSpecFolder)
    {
        string file = Path.Combine(kernelSpecFolder, "kernel.json");
        if (!File.Exists(file)) return false;
        try
        {
            return JsonNode.Parse(File.ReadAllText(file))?["metadata"]?[OwnerKey] is JsonObject;
        }
        catch (JsonException)
        {
            return false; // someone else's (broken) file: treat it as theirs and keep it
        }
    }
}
