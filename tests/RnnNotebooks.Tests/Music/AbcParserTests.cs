using RnnNotebooks.Music;

namespace RnnNotebooks.Tests.Music;

public class AbcParserTests
{
    static Melody Parse(string body, string header = "X:1\nT:Test\nM:4/4\nL:1/8\nQ:1/4=120\nK:C\n") => AbcParser.Parse(header + body);

    static int?[] Pitches(Melody m) => m.Notes.Select(n => n.Pitch).ToArray();

    [Fact]
    public void Octaves_accidentals_and_rests()
    {
        var m = Parse("C, C c c' ^F _B =B z");
        Assert.Equal(new int?[] { 48, 60, 72, 84, 66, 70, 71, null }, Pitches(m));
        Assert.Empty(m.Problems);
    }

    [Theory]
    [InlineData("A2", 2.0 / 8)]
    [InlineData("A/2", 1.0 / 16)]
    [InlineData("A/", 1.0 / 16)]
    [InlineData("A//", 1.0 / 32)]
    [InlineData("A3/2", 3.0 / 16)]
    [InlineData("A3", 3.0 / 8)]
    public void Lengths_multiply_the_unit_length(string note, double whole)
    {
        var m = Parse(note);
        Assert.Equal(whole, Assert.Single(m.Notes).Length, 12);
        Assert.Equal(whole * 2, m.Seconds, 12); // at 120 quarter notes a minute a whole note lasts 2 s
    }

    [Fact]
    public void Broken_rhythm_dots_the_first_note_and_halves_the_second()
    {
        var m = Parse("A>B A<B A>>B");
        Assert.Equal(new[] { 1.5, 0.5, 0.5, 1.5, 1.75, 0.25 }, m.Notes.Select(n => n.Length * 8));
    }

    [Theory]
    [InlineData("Dm", new[] { 0, 0, 0, 0, 0, 0, -1 })]      // C D E F G A Bb
    [InlineData("Ador", new[] { 0, 0, 0, 1, 0, 0, 0 })]     // A Dorian: F#
    [InlineData("GMix", new[] { 0, 0, 0, 0, 0, 0, 0 })]     // G Mixolydian: no sharps
    [InlineData("D", new[] { 1, 0, 0, 1, 0, 0, 0 })]        // D major: F# C#
    [InlineData("Eb", new[] { 0, 0, -1, 0, 0, -1, -1 })]    // Bb Eb Ab
    [InlineData("E phrygian", new[] { 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("F# minor", new[] { 1, 0, 0, 1, 1, 0, 0 })] // F# C# G#
    [InlineData("Dphr ^F", new[] { 0, 0, -1, 1, 0, 0, -1 })] // D Phrygian (Bb Eb) with F sharpened
    [InlineData("C^f^c", new[] { 1, 0, 0, 1, 0, 0, 0 })]
    [InlineData("Bb lyd", new[] { 0, 0, 0, 0, 0, 0, -1 })]   // Bb Lydian: the raised 4th makes E natural, Bb stays
    public void Key_signatures_with_modes(string key, int[] offsetsCdefgab)
    {
        Assert.True(KeySignature.TryParse(key, out var signature, out string? problem), problem);
        Assert.Equal(offsetsCdefgab, "CDEFGAB".Select(signature.OffsetOf));
    }

    [Fact]
    public void Unknown_key_is_reported_and_played_in_c()
    {
        var m = AbcParser.Parse("X:1\nK:Hx\nF");
        Assert.Equal(new int?[] { 65 }, Pitches(m));
        Assert.Contains(m.Problems, p => p.Reason.Contains("note letter A–G"));
    }

    [Fact]
    public void Accidentals_last_to_the_end_of_the_bar()
    {
        var m = Parse("^F F | F");
        Assert.Equal(new int?[] { 66, 66, 65 }, Pitches(m));
    }

    [Fact]
    public void Ties_merge_and_chords_keep_their_first_note()
    {
        var m = Parse("A2-A2 [CEG]2");
        Assert.Equal(new int?[] { 69, 60 }, Pitches(m));
        Assert.Equal(0.5, m.Notes[0].Length, 12);
        Assert.Contains(m.Problems, p => p.Reason.Contains("chord"));
    }

    [Fact]
    public void Repeat_without_start_repeats_from_the_beginning()
    {
        var m = Parse("C D :| E");
        Assert.Equal(new int?[] { 60, 62, 60, 62, 64 }, Pitches(m));
        Assert.Equal(3, m.Bars);
    }

    [Fact]
    public void Bracketed_endings_are_skipped_the_second_time()
    {
        var m = Parse("|: C D [1 E :|[2 F |]");
        Assert.Equal(new int?[] { 60, 62, 64, 60, 62, 65 }, Pitches(m));
    }

    [Fact]
    public void Default_unit_length_follows_the_meter()
    {
        Assert.Equal(1.0 / 16, AbcParser.Parse("X:1\nM:2/4\nK:C\nA").Notes[0].Length, 12);
        Assert.Equal(1.0 / 8, AbcParser.Parse("X:1\nM:6/8\nK:C\nA").Notes[0].Length, 12);
    }

    [Theory]
    [InlineData("Q:1/4=60", 4.0)]
    [InlineData("Q:3/8=60", 4.0 / 1.5)]
    [InlineData("Q:60", 8.0)]                 // old form: beats of the unit length (1/8)
    [InlineData("Q:\"Allegro\" 1/4=120", 2.0)]
    public void Tempo_sets_the_seconds_of_a_whole_note(string q, double secondsPerWhole)
    {
        var m = AbcParser.Parse($"X:1\nL:1/8\n{q}\nK:C\nC8");
        Assert.Equal(secondsPerWhole, m.Seconds, 9);
    }

    [Fact]
    public void Garbage_is_reported_not_thrown()
    {
        var m = Parse("C D ### E &&");
        Assert.Equal(new int?[] { 60, 62, 64 }, Pitches(m));
        Assert.Contains(m.Problems, p => p.Text == "###");
        Assert.Contains(m.Problems, p => p.Reason.Contains("voice overlay"));
    }

    [Fact]
    public void Text_without_notes_is_an_empty_melody_with_a_reason()
    {
        var m = AbcParser.Parse("X:1\nT:Nothing\nK:C\n");
        Assert.True(m.IsEmpty);
        Assert.Contains(m.Problems, p => p.Reason.Contains("no notes"));
        Assert.True(m.ToAudio().IsEmpty);
    }

    [Fact]
    public void A_second_tune_is_not_played_into_the_first()
    {
        var m = AbcParser.Parse("X:1\nK:C\nC D\n\nX:2\nK:C\nE F");
        Assert.Equal(new int?[] { 60, 62 }, Pitches(m));
        Assert.Contains(m.Problems, p => p.Reason.Contains("AbcFile.Split"));
    }

    [Fact]
    public void File_splits_into_tunes_at_X_lines()
    {
        var tunes = AbcFile.Split("% header\n\nX:1\nT:One\nK:C\nC\n\n% between\nX: 2\nT:Two\nK:G\nG\n");
        Assert.Equal(["One", "Two"], tunes.Select(t => t.Title));
        Assert.Equal([1, 2], tunes.Select(t => t.Number ?? 0));
        Assert.Equal("X:1\nT:One\nK:C\nC", tunes[0].Text);
    }

    [Fact]
    public void Loading_a_missing_file_names_the_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => AbcFile.Load("no-such-tunes.abc"));
        Assert.Contains("no-such-tunes.abc", error.Message);
    }

    [Fact]
    public void Loading_a_user_file_reads_all_its_tunes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tunes-{Guid.NewGuid():N}.abc");
        File.WriteAllText(path, "X:1\r\nT:Mine\r\nK:Am\r\nABc|\r\n\r\nX:2\r\nT:Yours\r\nK:D\r\nf2\r\n");
        try
        {
            var tunes = AbcFile.Load(path);
            Assert.Equal(2, tunes.Count);
            Assert.Equal(new int?[] { 69, 71, 72 }, Pitches(tunes[0].Melody));
            Assert.Equal(new int?[] { 78 }, Pitches(tunes[1].Melody));
        }
        finally { File.Delete(path); }
    }
}
