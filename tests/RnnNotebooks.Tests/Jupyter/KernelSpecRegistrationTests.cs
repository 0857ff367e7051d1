using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Jupyter;

namespace RnnNotebooks.Tests.Jupyter;

public sealed class KernelSpecRegistrationTests : IDisposable
{
    readonly TempFolder temp = new();
    readonly KernelLocations where;
    readonly KernelSpec spec;

    public KernelSpecRegistrationTests()
    {
        where = new KernelLocations(temp.Sub("owned"), temp.Sub("jupyter", "kernels"));
        spec = KernelSpec.For(new KernelTool(where.ToolFolder), temp.Sub("feed"));
    }

    public void Dispose() => temp.Dispose();

    KernelSpecRegistration Registration() => new(where.KernelsFolder, where.BackupFolder);

    string KernelJson => Path.Combine(where.KernelsFolder, KernelSpec.Name, "kernel.json");

    void WriteForeignSpec(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KernelJson)!);
        File.WriteAllText(KernelJson, text);
    }

    [Fact]
    public void Kernel_json_starts_the_owned_tool_local_only_with_the_feed_as_package_source()
    {
        Registration().Register(spec, logoFolder: null, TextWriter.Null);

        var json = JsonNode.Parse(File.ReadAllText(KernelJson))!;
        var argv = json["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.Equal(Path.Combine(where.ToolFolder, OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive"), argv[0]);
        Assert.Equal(["jupyter", "--default-kernel", "csharp"], argv[1..4]);
        Assert.Contains("--http-local-only", argv);
        Assert.Equal("{connection_file}", argv[^1]);
        Assert.Equal(".NET (C#)", json["display_name"]!.GetValue<string>());
        Assert.Equal("C#", json["language"]!.GetValue<string>());
        Assert.Equal(temp.Sub("feed"), json["env"]!["RestoreAdditionalProjectSources"]!.GetValue<string>());
        // No Polyglot Notebooks owner: VS Code's Jupyter extension would hide the kernel when that extension is installed.
        Assert.Null(json["metadata"]!["vscode"]);
        Assert.True(KernelSpec.IsOurs(Path.GetDirectoryName(KernelJson)!));
    }

    [Fact]
    public void Registering_twice_changes_nothing_and_backs_nothing_up()
    {
        Registration().Register(spec, null, TextWriter.Null);
        var firstWrite = File.GetLastWriteTimeUtc(KernelJson);
        string first = File.ReadAllText(KernelJson);

        var log = new StringWriter();
        Registration().Register(spec, null, log);

        Assert.Equal(first, File.ReadAllText(KernelJson));
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(KernelJson));
        Assert.False(Directory.Exists(where.BackupFolder));
        Assert.Contains("already up to date", log.ToString());
    }

    [Fact]
    public void A_foreign_kernelspec_is_backed_up_and_restored_byte_for_byte()
    {
        const string foreign = """{"argv": ["dotnet", "interactive", "jupyter", "{connection_file}"], "display_name": ".NET (C#)", "language": "C#"}""";
        WriteForeignSpec(foreign);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(KernelJson)!, "logo-32x32.png"), [1, 2, 3]);

        Registration().Register(spec, null, TextWriter.Null);
        Registration().Register(spec, null, TextWriter.Null); // a second install must not back up our own spec over theirs

        Assert.True(KernelSpec.IsOurs(Path.GetDirectoryName(KernelJson)!));
        Assert.Equal(foreign, File.ReadAllText(Path.Combine(where.BackupFolder, KernelSpec.Name, "kernel.json")));

        bool backupDone = Registration().Unregister(TextWriter.Null);

        Assert.True(backupDone);
        Assert.Equal(foreign, File.ReadAllText(KernelJson));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(KernelJson)!, "logo-32x32.png")));
        Assert.False(Directory.Exists(Path.Combine(where.BackupFolder, KernelSpec.Name)));
    }

    [Fact]
    public void Unregister_leaves_a_kernelspec_someone_else_put_in_place_and_keeps_the_backup()
    {
        WriteForeignSpec("""{"argv": ["first"], "display_name": "first", "language": "C#"}""");
        Registration().Register(spec, null, TextWriter.Null);
        WriteForeignSpec("""{"argv": ["second"], "display_name": "second", "language": "C#"}""");

        bool backupDone = Registration().Unregister(TextWriter.Null);

        Assert.False(backupDone);
        Assert.Contains("second", File.ReadAllText(KernelJson));
        Assert.Contains("first", File.ReadAllText(Path.Combine(where.BackupFolder, KernelSpec.Name, "kernel.json")));
    }

    [Fact]
    public void A_kernelspec_that_is_not_json_counts_as_someone_elses()
    {
        WriteForeignSpec("not json {");
        Assert.False(KernelSpec.IsOurs(Path.GetDirectoryName(KernelJson)!));
    }

    [Fact]
    public void Uninstall_removes_the_tool_and_owned_folder_and_restores_the_backup()
    {
        WriteForeignSpec("""{"argv": ["theirs"], "display_name": "theirs", "language": "C#"}""");
        Registration().Register(spec, null, TextWriter.Null);
        Directory.CreateDirectory(where.ToolFolder);
        File.WriteAllText(Path.Combine(where.ToolFolder, "dotnet-interactive"), "stand-in for the installed tool");

        var log = new StringWriter();
        KernelInstallation.Uninstall(where, log);

        Assert.False(Directory.Exists(where.OwnedFolder));
        Assert.Contains("theirs", File.ReadAllText(KernelJson));
        Assert.Contains("Restored", log.ToString());

        var again = new StringWriter();
        KernelInstallation.Uninstall(where, again); // idempotent: nothing left to do, no failure
        Assert.Contains("No kernel tool", again.ToString());
        Assert.Contains("theirs", File.ReadAllText(KernelJson));
    }
}
