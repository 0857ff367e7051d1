using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// The <c>jupyter</c> command on this machine, asked where user kernelspecs live and which kernelspec
/// a name resolves to. Kernel set-up works without it: the kernelspec is written to Jupyter's default
/// user folder and is found once Jupyter is installed.
/// </summary>
public sealed class JupyterClient
{
    /// <summary>How to get the Jupyter pieces the kernel needs, for the message shown when they are missing.</summary>
    public const string HowToInstall =
        "On Debian/Ubuntu: sudo apt-get install jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel " +
        "(add jupyter-notebook or use VS Code's Jupyter extension to open notebooks); elsewhere: pip install jupyter.";

    readonly string program;

    JupyterClient(string program, string dataFolder)
    {
        this.program = program;
        DataFolder = dataFolder;
    }

    /// <summary>Jupyter's user data folder (<c>jupyter --data-dir</c>; it honours <c>JUPYTER_DATA_DIR</c>).</summary>
    public string DataFolder { get; }

    /// <summary>The <c>jupyter</c> on PATH, or <c>null</c> when it is missing or does not run (e.g. a Python without Jupyter).</summary>
    public static JupyterClient? Find(string program = "jupyter")
    {
        var result = ExternalCommand.TryRun(program, ["--data-dir"]);
        string folder = result?.Output.Trim() ?? "";
        return result is { Succeeded: true } && folder.Length > 0 && Path.IsPathRooted(folder)
            ? new JupyterClient(program, folder)
            : null;
    }

    /// <summary>
    /// Jupyter's user data folder as jupyter_core computes it, for machines without Jupyter:
    /// <c>JUPYTER_DATA_DIR</c>, else <c>%APPDATA%\jupyter</c>, <c>~/Library/Jupyter</c>, or
    /// <c>$XDG_DATA_HOME/jupyter</c> (default <c>~/.local/share/jupyter</c>).
    /// </summary>
    public static string DefaultDataFolder()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } explicitFolder)
            return Path.GetFullPath(explicitFolder);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS())
            return Path.Combine(home, "Library", "Jupyter");
        string dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share");
        return Path.Combine(dataHome, "jupyter");
    }

    /// <summary>
    /// The folder Jupyter resolves kernelspec <paramref name="name"/> to, via <c>jupyter kernelspec list --json</c>.
    /// Throws <see cref="KernelSetupException"/> when that command fails (jupyter-client missing).
    /// </summary>
    public string? ResolveKernelSpec(string name)
    {
        var result = ExternalCommand.TryRun(program, ["kernelspec", "list", "--json"]);
        if (result is not { Succeeded: true })
            throw new KernelSetupException(
                $"'{program} kernelspec list' fails ({result?.LastLine}): jupyter-client is missing. {HowToInstall}");
        try
        {
            return JsonNode.Parse(result.Output)?["kernelspecs"]?[name]?["resource_dir"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            throw new KernelSetupException($"'{program} kernelspec list --json' printed something that is not JSON: check the Jupyter installation. {HowToInstall}");
        }
    }
}
