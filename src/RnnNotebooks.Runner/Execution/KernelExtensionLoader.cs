using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Loads kernel extensions from restored NuGet packages, as the stock kernel does and the
/// Microsoft.DotNet.Interactive library packages do not: every
/// <c>&lt;package&gt;/interactive-extensions/dotnet/*.dll</c> is loaded and each
/// <see cref="IKernelExtension"/> in it gets <see cref="IKernelExtension.OnLoadAsync"/> with the root kernel.
/// </summary>
public sealed class KernelExtensionLoader
{
    readonly Kernel _root;
    readonly HashSet<string> _loadedPackages = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _assemblyPathsByName = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="root">The kernel extensions receive (the composite kernel, as in the stock host).</param>
    public KernelExtensionLoader(Kernel root)
    {
        _root = root;
        // An extension's own dependencies (the package's lib assemblies) are found among what the restore resolved.
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name is { } simple && _assemblyPathsByName.TryGetValue(simple, out var path) ? context.LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Remembers the packages' assemblies and runs the extensions of packages not seen before.</summary>
    public async Task LoadAsync(IEnumerable<ResolvedPackageReference> packages)
    {
        foreach (var package in packages)
        {
            foreach (var path in package.AssemblyPaths)
                _assemblyPathsByName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
        foreach (var package in packages)
        {
            if (string.IsNullOrEmpty(package.PackageRoot) || !_loadedPackages.Add(package.PackageRoot)) continue;
            string folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder)) continue;
            foreach (var dll in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
                await LoadExtensionsFromAsync(dll, package.PackageName);
        }
    }

    async Task LoadExtensionsFromAsync(string dll, string packageName)
    {
        Assembly assembly = LoadOnce(dll);
        Type[] types;
        try { types = assembly.GetExportedTypes(); }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException(
                $"The kernel extension {Path.GetFileName(dll)} in package {packageName} could not be loaded: {e.LoaderExceptions.FirstOrDefault()?.Message}", e);
        }
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IKernelExtension).IsAssignableFrom(t)))
        {
            var extension = (IKernelExtension)Activator.CreateInstance(type)!;
            await extension.OnLoadAsync(_root);
        }
    }

    static Assembly LoadOnce(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && a.GetName().Version == name.Version)
               ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
