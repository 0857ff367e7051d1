using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// The in-process kernel a notebook runs in: a C# kernel inside a composite kernel, set up like the
/// stock .NET Interactive kernel a learner uses in Jupyter: <c>#r "nuget:"</c> with kernel extensions
/// loaded from restored packages, the kernel helpers (<c>display</c>), <c>#!who</c>, value sharing, and
/// HTML as the preferred display format.
/// </summary>
public static class NotebookKernel
{
    /// <summary>The name notebooks use for C# cells.</summary>
    public const string CSharp = "csharp";

    /// <summary>Creates the kernel. Package sources come from the process's environment (<c>RestoreAdditionalProjectSources</c>).</summary>
    public static CompositeKernel Create()
    {
        Formatter.DefaultMimeType = "text/html";

        var csharp = new CSharpKernel(CSharp);
        var composite = new CompositeKernel("root");
        var extensions = new KernelExtensionLoader(composite);
        csharp.UseNugetDirective(async (kernel, packages) =>
              {
                  kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                  await extensions.LoadAsync(packages);
              })
              .UseKernelHelpers()
              .UseWho()
              .UseValueSharing();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = CSharp;
        return composite;
    }
}
