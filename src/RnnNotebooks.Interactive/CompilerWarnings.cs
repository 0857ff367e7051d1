using System.Reflection;
using Microsoft.DotNet.Interactive;

namespace RnnNotebooks.Interactive;

/// <summary>
/// Keeps compiler warnings out of a cell's output, as the course's own runner does. The stock kernel compiles each
/// cell as a C# script with no nullable context and prints every warning as red standard error: CS8632 for each
/// <c>string?</c> a cell declares, CS1701 for the assembly versions the chart library unifies. A learner cannot act
/// on either. Errors are still shown. The kernel (the pinned .NET Interactive 1.0.712001) has no setting for this,
/// so its C# kernel's script options get warning level 0 through reflection; a kernel without that field is left
/// as it is.
/// </summary>
internal static class CompilerWarnings
{
    /// <summary>The field of CSharpKernel holding the Roslyn ScriptOptions every submission compiles with.</summary>
    const string ScriptOptionsField = "_scriptOptions";

    /// <summary>Silences the C# kernel's warnings; true when it found the kernel's script options.</summary>
    public static bool Silence(Kernel kernel)
    {
        var csharp = FindCSharpKernel(kernel);
        if (csharp?.GetType().GetField(ScriptOptionsField, BindingFlags.Instance | BindingFlags.NonPublic) is not { } field) return false;
        var options = field.GetValue(csharp);
        var withWarningLevel = options?.GetType().GetMethod("WithWarningLevel", [typeof(int)]);
        if (withWarningLevel is null) return false;
        field.SetValue(csharp, withWarningLevel.Invoke(options, [0]));
        return true;
    }

    static Kernel? FindCSharpKernel(Kernel kernel)
    {
        if (kernel.Name == "csharp") return kernel;
        var root = kernel;
        while (root.ParentKernel is { } parent) root = parent;
        return root is CompositeKernel composite ? composite.ChildKernels.FirstOrDefault(k => k.Name == "csharp") : null;
    }
}
