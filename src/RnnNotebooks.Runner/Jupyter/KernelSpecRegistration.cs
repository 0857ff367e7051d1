namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// Puts the <see cref="KernelSpec"/> into a Jupyter <c>kernels</c> folder and takes it out again. A
/// <c>.net-csharp</c> kernelspec that <c>kernel install</c> did not write (e.g. from the tool's own
/// <c>jupyter install</c>) is moved to a backup folder first and moved back on removal.
/// </summary>
public sealed class KernelSpecRegistration(string kernelsFolder, string backupFolder)
{
    /// <summary>Where the kernelspec goes: <c>&lt;kernels&gt;/.net-csharp</c>.</summary>
    public string Target { get; } = Path.Combine(Path.GetFullPath(kernelsFolder), KernelSpec.Name);

    /// <summary>Where a foreign <c>.net-csharp</c> kernelspec is kept while ours is installed.</summary>
    public string Backup { get; } = Path.Combine(Path.GetFullPath(backupFolder), KernelSpec.Name);

    static readonly string[] Logos = ["logo-32x32.png", "logo-64x64.png"];

    /// <summary>
    /// Writes <paramref name="spec"/> to <see cref="Target"/> (with the logos found in
    /// <paramref name="logoFolder"/>), backing up a foreign kernelspec first. Running it again changes nothing.
    /// </summary>
    public void Register(KernelSpec spec, string? logoFolder, TextWriter log)
    {
        if (Directory.Exists(Target) && !KernelSpec.IsOurs(Target))
        {
            if (Directory.Exists(Backup))
            {
                Directory.Delete(Backup, recursive: true);
                log.WriteLine($"  An older backup in {Backup} is replaced by the current kernelspec.");
            }
            MoveFolder(Target, Backup);
            log.WriteLine($"  Moved the existing {KernelSpec.Name} kernelspec (not ours) to {Backup}; 'kernel uninstall' puts it back.");
        }

        Directory.CreateDirectory(Target);
        string file = Path.Combine(Target, "kernel.json");
        string json = spec.ToJson();
        bool unchanged = File.Exists(file) && File.ReadAllText(file) == json;
        if (!unchanged) File.WriteAllText(file, json);
        foreach (var logo in Logos)
        {
            string source = Path.Combine(logoFolder ?? "", logo);
            if (logoFolder is not null && File.Exists(source)) File.Copy(source, Path.Combine(Target, logo), overwrite: true);
        }
        log.WriteLine(unchanged
            ? $"  Kernelspec {KernelSpec.Name} in {Target} is already up to date."
            : $"  Wrote the kernelspec {KernelSpec.Name} (\"{KernelSpec.DisplayName}\") to {Target}.");
    }

    /// <summary>
    /// Removes our kernelspec and restores a backed-up one. A foreign kernelspec found in place is left
    /// alone (and the backup kept). Returns <c>true</c> when the backup folder is no longer needed.
    /// </summary>
    public bool Unregister(TextWriter log)
    {
        if (Directory.Exists(Target))
        {
            if (KernelSpec.IsOurs(Target))
            {
                Directory.Delete(Target, recursive: true);
                log.WriteLine($"  Removed the kernelspec {Target}.");
            }
            else
            {
                log.WriteLine($"  Left {Target} alone: kernel install did not write it.");
            }
        }
        else
        {
            log.WriteLine($"  No kernelspec at {Target}.");
        }

        if (!Directory.Exists(Backup)) return true;
        if (Directory.Exists(Target))
        {
            log.WriteLine($"  Kept the backed-up kernelspec in {Backup}, since {Target} is taken.");
            return false;
        }
        MoveFolder(Backup, Target);
        log.WriteLine($"  Restored the earlier {KernelSpec.Name} kernelspec from {Backup} to {Target}.");
        return true;
    }

    /// <summary>Moves a folder, also across file systems (the kernels and backup folders may be on different ones).</summary>
    static void MoveFolder(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        try
        {
            Directory.Move(from, to);
        }
        catch (IOException)
        {
            CopyFolder(from, to);
            Directory.Delete(from, recursive: true);
        }
    }

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
