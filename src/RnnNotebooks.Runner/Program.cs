using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Jupyter;

// The course's command line. Each command lives in its own folder; this file only dispatches.
return args switch
{
    ["run", .. var rest] => await RunCommand.RunAsync(rest),
    ["kernel", .. var rest] => await KernelCommand.RunAsync(rest),
    ["make-apps", .. var rest] => MakeAppsCommand.Run(rest),
    [ChildCommand.Name, .. var rest] => await ChildCommand.RunAsync(rest),
    [] or ["help" or "--help" or "-h", ..] => Usage(0),
    _ => Usage(2, $"Unknown command '{string.Join(' ', args)}'."),
};

static int Usage(int code, string? problem = null)
{
    var writer = code == 0 ? Console.Out : Console.Error;
    if (problem is not null) writer.WriteLine(problem);
    writer.WriteLine("""
        Usage: dotnet run --project src/RnnNotebooks.Runner -c Release -- <command>

          run [NOTEBOOK|FOLDER ...] [--cell-timeout SECONDS]
                  Execute notebooks top to bottom (default: notebooks/), write executed copies to
                  artifacts/executed/ and pages to artifacts/site/.
          kernel install | kernel uninstall
                  Set up (or remove) the .NET Interactive kernel for Jupyter and VS Code.
          make-apps
                  Write notebooks/apps/NN-name.cs, a .NET file-based app for each notebook, to follow the
                  course with no notebook kernel: dotnet run notebooks/apps/01-perceptron.cs
        """);
    return code;
}
