using RnnNotebooks.Runner.Classroom;

namespace RnnNotebooks.Tests.Classroom;

/// <summary>The gradebook as Canvas and Moodle import it, from a roster (issue 17, item 4).</summary>
public sealed class GradebookExportTests
{
    /// <summary>Ada handed in both notebooks, Grace only 04; Linus was graded but is not on the roster.</summary>
    static readonly GradebookRow[] Rows =
    [
        new("ada", "04-backpropagation-through-time", "4.1", 2, 2, "passed"),
        new("ada", "04-backpropagation-through-time", "4.2", 0, 1, "✗ FAIL"),
        new("ada", "05-vanishing-and-exploding-gradients", "5.1", 3, 3, "passed"),
        new("grace", "04-backpropagation-through-time", "4.1", 2, 2, "passed"),
        new("grace", "04-backpropagation-through-time", "4.2", 1, 1, "passed"),
        new("linus", "04-backpropagation-through-time", "4.1", 0, 2, "✗ FAIL"),
    ];

    static readonly Roster Class = Roster.Parse(""""
        folder,name,email,username,canvas_id,sis_login_id,section
        ada,"Lovelace, Ada",ada@example.org,alovelace,101,ada.l,A
        grace,"Hopper, Grace ""Amazing""",grace@example.org,ghopper,102,grace.h,B
        """");

    [Fact]
    public void Canvas_gets_its_identity_columns_a_points_possible_row_and_a_column_per_notebook()
    {
        var export = GradebookExport.Create(Rows, Class, GradingPlatform.Canvas);
        Assert.Equal(""""
            Student,ID,SIS User ID,SIS Login ID,Section,04-backpropagation-through-time,05-vanishing-and-exploding-gradients
            Points Possible,,,,,3,3
            "Lovelace, Ada",101,,ada.l,A,2,3
            "Hopper, Grace ""Amazing""",102,,grace.h,B,3,

            """".ReplaceLineEndings("\n"), export.Text);
        Assert.Equal(
        [
            "grace has no graded 05-vanishing-and-exploding-gradients: left blank.",
            "linus was graded but is not on the roster, so is not in the export: add a line for linus to the roster.",
        ], export.Notes);
    }

    [Fact]
    public void Moodle_gets_the_email_and_username_columns_and_a_column_per_exercise()
    {
        var export = GradebookExport.Create(Rows, Class, GradingPlatform.Moodle, ExportColumns.Exercise);
        Assert.Equal("""
            Email address,Username,Exercise 4.1 (04-backpropagation-through-time),Exercise 4.2 (04-backpropagation-through-time),Exercise 5.1 (05-vanishing-and-exploding-gradients)
            ada@example.org,alovelace,2,0,3
            grace@example.org,ghopper,2,1,

            """.ReplaceLineEndings("\n"), export.Text);
        Assert.Contains("grace has no graded Exercise 5.1 (05-vanishing-and-exploding-gradients): left blank.", export.Notes);
    }

    [Fact]
    public void A_roster_student_with_nothing_graded_gets_a_blank_row_and_a_note()
    {
        var roster = Roster.Parse("folder,email\nada,ada@example.org\nalan,alan@example.org\n");
        var export = GradebookExport.Create(Rows, roster, GradingPlatform.Moodle);
        Assert.EndsWith("alan@example.org,,\n", export.Text);
        Assert.Contains("alan is on the roster but no notebook of theirs was graded: their row is blank.", export.Notes);
    }

    [Fact]
    public void A_student_the_platform_cannot_match_is_refused_by_name()
    {
        var roster = Roster.Parse("folder,name\nada,Ada\n");
        var e = Assert.Throws<FormatException>(() => GradebookExport.Create(Rows, roster, GradingPlatform.Moodle));
        Assert.Equal("Moodle matches a student by email or username, and the roster gives neither for ada: fill one in.", e.Message);
        Assert.Contains("for ada", Assert.Throws<FormatException>(() => GradebookExport.Create(Rows, Roster.Parse("folder,email\nada,a@x\n"), GradingPlatform.Canvas)).Message);
    }

    [Theory]
    [InlineData("name,email\nAda,a@x\n", "no \"folder\" column")]
    [InlineData("folder,e-mail\nada,a@x\n", "unknown column \"e-mail\"")]
    [InlineData("folder,name\nada,Lovelace, Ada\n", "line 2: 3 fields where the header has 2")]
    [InlineData("folder\nada\nada\n", "\"ada\" is on the roster twice")]
    [InlineData("folder,name\nada,\"Ada\n", "never closed")]
    public void A_malformed_roster_is_refused_with_the_line_and_the_fix(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => Roster.Parse(text)).Message);

    /// <summary>A scratch folder holding a gradebook.json of one row (ada, 04-x, 4.1: 2 of 2).</summary>
    internal static string FolderWithGradebook()
    {
        string folder = Directory.CreateTempSubdirectory("rnn-export-").FullName;
        File.WriteAllText(Path.Combine(folder, Gradebook.JsonFile), """
            {"rows": [{"student": "ada", "notebook": "04-x", "exercise": "4.1", "points": 2, "max_points": 2, "message": "passed", "parts": []}]}
            """);
        return folder;
    }

    [Fact]
    public void The_rows_are_read_back_from_the_gradebook_json_that_grade_writes()
    {
        string folder = FolderWithGradebook();
        try
        {
            Assert.Equal([new GradebookRow("ada", "04-x", "4.1", 2, 2, "passed")], GradebookExport.ReadRows(folder));
            File.WriteAllText(Path.Combine(folder, Gradebook.JsonFile), "{}");
            Assert.Contains("is not a gradebook that grade wrote", Assert.Throws<FormatException>(() => GradebookExport.ReadRows(folder)).Message);
            Assert.Contains("export reads the folder that grade wrote", Assert.Throws<FileNotFoundException>(() => GradebookExport.ReadRows(Path.Combine(folder, "none"))).Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

/// <summary>The <c>export</c> command end to end on files.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public void Export_writes_the_platform_file_beside_the_gradebook_and_refuses_a_bad_format()
    {
        string folder = GradebookExportTests.FolderWithGradebook();
        try
        {
            string roster = Path.Combine(folder, "roster.csv");
            File.WriteAllText(roster, "folder,email\nada,ada@example.org\n");
            Assert.Equal(0, ExportCommand.Run([folder, "--roster", roster, "--format", "moodle"]));
            Assert.Equal("Email address,04-x\nada@example.org,2\n", File.ReadAllText(Path.Combine(folder, "moodle.csv")));
            Assert.Equal(2, ExportCommand.Run([folder, "--roster", roster, "--format", "blackboard"]));
            Assert.Equal(1, ExportCommand.Run([Path.Combine(folder, "none"), "--roster", roster, "--format", "canvas"]));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
