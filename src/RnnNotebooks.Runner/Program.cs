using RnnNotebooks.Runner.Classroom;
using RnnNotebooks.Runner.Apps;
using RnnNotebooks.Runner.Execution;
using RnnNotebooks.Runner.Jupyter;

// The course's command line. Each command lives in its own folder; this file only dispatches.
return args switch
{
    ["run", .. var rest] => await RunCommand.RunAsync(rest),
    ["kernel", .. var rest] => await KernelCommand.RunAsync(rest),
    ["make-exercises", .. var rest] => MakeExercisesCommand.Run(rest),
    ["grade", .. var rest] => await GradeCommand.RunAsync(rest),
    ["export", .. var rest] => ExportCommand.Run(rest),
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

          run [NOTEBOOK|FOLDER ...] [--cell-timeout SECONDS] [--output-limit CHARACTERS] [--teacher-edition]
                  Execute notebooks top to bottom (default: notebooks/), write executed copies to
                  artifacts/executed/ and the learner's edition of the pages to artifacts/site/
                  (solutions folded away, hidden tests removed); --teacher-edition also writes
                  the teacher's edition, with solutions and hidden tests, to artifacts/site-teacher/.
          kernel install | kernel uninstall
                  Set up (or remove) the .NET Interactive kernel for Jupyter and VS Code.
          make-exercises [COURSE-FOLDER]
                  Write the student versions of the course notebooks that have exercises to
                  notebooks/exercises/ (solutions replaced by stubs, hidden tests removed).
          grade SUBMISSIONS --out GRADEBOOK [--course FOLDER] [--jobs N] [--cell-timeout SECONDS]
                [--notebook-timeout SECONDS] [--memory MB] [--disk MB] [--tmp MB] [--threads N] [--no-sandbox]
                  Run every student's notebooks (SUBMISSIONS/<student>/NN-name.ipynb) with the hidden
                  checks put back, each in its own sandboxed process under time and memory limits;
                  write GRADEBOOK/gradebook.csv, gradebook.json and a feedback page per student.
          export GRADEBOOK --roster FILE --format canvas|moodle [--per notebook|exercise] [--out FILE]
                  Write the gradebook as a CSV file Canvas or Moodle imports, a row per roster student
                  (folder,name,email,username,canvas_id,sis_user_id,sis_login_id,section), a column per
                  notebook or exercise; reports what it left blank or out.
          make-apps
                  Write notebooks/apps/NN-name.cs, a .NET file-based app for each notebook, to follow the
                  course with no notebook kernel: dotnet run notebooks/apps/01-perceptron.cs
        """);
    return code;
}
