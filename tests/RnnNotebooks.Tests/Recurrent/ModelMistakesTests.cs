using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Recurrent;

/// <summary>Saving where nothing can be saved, loading against the wrong vocabulary, a diverged model's loss.</summary>
public sealed class ModelMistakesTests : IDisposable
{
    static readonly Vocabulary Letters = new("abcdefgh ");
    readonly string _folder = Directory.CreateTempSubdirectory("rnn-model-mistakes").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static CharLanguageModel Model() => new(Letters, CellKind.Lstm, hiddenSize: 4, seed: 3);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Saving_to_an_empty_path_names_the_argument_and_gives_an_example(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(Model(), path));
        Assert.Equal("path", e.ParamName);
        Assert.Contains("give a file name, e.g.", e.Message);
    }

    [Fact]
    public void Saving_into_a_missing_folder_says_which_folder_and_how_to_fix_it()
    {
        string missing = Path.Combine(_folder, "no-such-folder");
        var e = Assert.Throws<DirectoryNotFoundException>(() => ModelFile.Save(Model(), Path.Combine(missing, "m.rnn.json")));
        Assert.Contains($"the folder '{missing}' does not exist", e.Message);
        Assert.Contains("Create it first", e.Message);
    }

    [Fact]
    public void Saving_onto_a_folder_asks_for_a_file_name_inside_it()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(Model(), _folder));
        Assert.Contains("is a folder", e.Message);
    }

    [Fact]
    public void Loading_against_a_vocabulary_of_the_same_size_with_other_characters_names_them()
    {
        string path = Path.Combine(_folder, "m.rnn.json");
        ModelFile.Save(Model(), path);
        var e = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path, new Vocabulary("abcdefgx ")));
        Assert.Contains("the model's has 'h' that the given one lacks", e.Message);
        Assert.Contains("the given one has 'x' that the model's lacks", e.Message);
        Assert.Contains("model.Vocabulary", e.Message);
    }

    [Fact]
    public void Loading_against_its_own_vocabulary_works()
    {
        string path = Path.Combine(_folder, "m.rnn.json");
        var model = Model();
        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path, new Vocabulary("abcdefgh "));
        Assert.Equal(model.Loss("abc abc"), loaded.Loss("abc abc"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_diverged_step_says_why_its_loss_is_nan_and_what_to_do(bool fastPath)
    {
        var model = Model();
        model.UseFastPath = fastPath;
        model.OutputWeights.Value[0, 0] = double.PositiveInfinity;
        var result = model.ComputeGradients(TextWindows.Cut("abcabcabc", Letters, 4)[0]);
        Assert.Contains("The loss is NaN", result.Problem);
        Assert.Contains("gradient clipping", result.Problem);
        Assert.Contains("Problem = The loss is NaN", result.ToString());
    }

    [Fact]
    public void A_finite_step_has_no_problem()
    {
        var result = Model().ComputeGradients(TextWindows.Cut("abcabcabc", Letters, 4)[0]);
        Assert.Null(result.Problem);
    }
}
