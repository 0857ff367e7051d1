using System.Runtime.CompilerServices;
using RnnNotebooks.Classroom;

namespace RnnNotebooks.Display;

/// <summary>
/// Registers the formatters the moment the library is first used, so a notebook shows charts and tables
/// even in a host that does not load kernel extensions. A module initializer runs once, before any code
/// of this assembly, i.e. on the first use of any library type, well before a cell returns one.
/// </summary>
internal static class AutomaticRegistration
{
    // CA2255 warns that libraries rarely need module initializers: here it is the point, being the only
    // hook .NET offers that runs on first use without the caller doing anything.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RegisterFormatters()
    {
        // Checks show their verdicts through the live output (Classroom cannot see Display).
        CheckOutput.Show = result => LiveOutput.Sink.Display(new LiveContent(CheckFormatter.ToHtml(result), result.Text));
        try
        {
            NotebookDisplay.Register();
        }
        catch (Exception)
        {
            // The maths must work without the display: an exception here would make every type of the
            // library unusable. A host that cannot load the formatting package or Plotly.NET still gets
            // every model; the kernel extension calls Register again and shows the reason in the notebook.
        }
    }
}
