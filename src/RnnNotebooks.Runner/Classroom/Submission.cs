namespace RnnNotebooks.Runner.Classroom;

/// <summary>One notebook a student handed in: <c>SUBMISSIONS/&lt;student&gt;/NN-name.ipynb</c>.</summary>
/// <param name="Student">The student's folder name.</param>
/// <param name="Path">The submitted file (never written to).</param>
public sealed record Submission(string Student, string Path)
{
    /// <summary>The file's name, which names the course notebook it answers.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// Every <c>.ipynb</c> in each student folder of <paramref name="folder"/>, students and files in
    /// name order; a notebook lying directly in <paramref name="folder"/> belongs to no student and is
    /// reported in <paramref name="problems"/>.
    /// </summary>
    public static IReadOnlyList<Submission> FindAll(string folder, List<string> problems)
    {
        foreach (var loose in Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal))
            problems.Add($"{loose}: not in a student folder, not graded. Put each student's notebooks in a folder named after the student.");
        var submissions = new List<Submission>();
        foreach (var student in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (IsLink(student))
            {
                problems.Add($"{student}: a link to a folder, not a student's folder; not graded (a link could point at the course or at another student's work). Copy the files in instead.");
                continue;
            }
            var files = Directory.GetFiles(student, "*.ipynb").Order(StringComparer.Ordinal).ToList();
            foreach (var link in files.Where(IsLink))
                problems.Add($"{link}: a link, not a notebook; not graded (it could point at the course's solutions or at another student's work). Hand in the file itself.");
            files.RemoveAll(IsLink);
            if (files.Count == 0) problems.Add($"{student}: no .ipynb notebooks in this student's folder.");
            submissions.AddRange(files.Select(f => new Submission(System.IO.Path.GetFileName(student), f)));
        }
        return submissions;
    }

    static bool IsLink(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.LinkTarget is not null;
    }
}
