using System.Text;
using System.Text.Json.Nodes;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;
using RnnNotebooks.Training;

namespace RnnNotebooks.Tests.Recurrent.NewKind;

/// <summary>
/// A cell kind added outside the library (<see cref="MinimalGatedCell"/>, its <see cref="MinimalGatedSpec"/> and the
/// spec's one registration line) works everywhere a cell kind goes: stacks, the language model, training, model files.
/// </summary>
public class NewCellKindTests
{
    static readonly Vocabulary Letters = new("abcd \n");
    const string Text = "abcd abcd dcba\nabcd abcd dcba\nabcd abcd dcba\n";

    [Fact]
    public void A_language_model_of_the_new_kind_learns_and_names_its_kind()
    {
        var model = new CharLanguageModel(Letters, new MinimalGatedSpec(), hiddenSize: 8, layers: 2, seed: 4);
        Assert.Equal("Mgu", model.Options.Cell.Kind);
        Assert.StartsWith("Mgu language model", model.ToString());
        Assert.Equal(["layer1.W_xf", "layer1.W_hf", "layer1.b_f"], model.Parameters.Take(3).Select(p => p.Name));
        Assert.False(model.HasFastPath);

        double before = model.Loss(Text);
        var adam = new Adam(0.02);
        for (int epoch = 0; epoch < 30; epoch++)
        {
            model.ResetState();
            foreach (var window in TextWindows.Cut(Text, Letters, 8, 2))
            {
                model.ComputeGradients(window);
                adam.Step(model.Parameters);
            }
        }
        Assert.True(model.Loss(Text) < 0.7 * before, $"loss {before:F3} → {model.Loss(Text):F3}");
    }

    [Fact]
    public void A_model_of_the_new_kind_saves_under_its_name_and_loads_identically()
    {
        var model = new CharLanguageModel(Letters, new MinimalGatedSpec(), hiddenSize: 5, layers: 1, seed: 2);
        using var stream = new MemoryStream();
        ModelFile.Save(model, stream);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(stream.ToArray()))!;
        Assert.Equal("Mgu", (string?)json["cell"]!["kind"]);

        var loaded = ModelFile.Load(new MemoryStream(stream.ToArray()));
        Assert.IsType<MinimalGatedSpec>(loaded.Options.Cell);
        Assert.Equal(model.NextCharacterProbabilities("abc"), loaded.NextCharacterProbabilities("abc"));
        Assert.Contains("Mgu", CellSpec.KnownKinds);
    }

    [Fact]
    public void A_second_name_or_a_taken_name_is_refused()
    {
        _ = new MinimalGatedSpec();   // runs its registration
        var renamed = Assert.Throws<ArgumentException>(() => CellSpec.Register<MinimalGatedSpec>("Minimal"));
        Assert.Contains("already registered as \"Mgu\"", renamed.Message);
        var taken = Assert.Throws<ArgumentException>(() => CellSpec.Register<Unregistered>("Lstm"));
        Assert.Contains("\"Lstm\" already names LstmSpec", taken.Message);
        CellSpec.Register<MinimalGatedSpec>("Mgu");   // the same line again does nothing
    }

    [Fact]
    public void A_spec_never_registered_says_how_to_register_it()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Unregistered().Kind);
        Assert.Contains("CellSpec.Register<Unregistered>", e.Message);
    }

    sealed record Unregistered : CellSpec
    {
        public override RecurrentCell Create(int inputSize, int hiddenSize, int seed = 0, string name = "",
            Func<int, int, Random, MathNet.Numerics.LinearAlgebra.Matrix<double>>? inputInitializer = null,
            Func<int, int, Random, MathNet.Numerics.LinearAlgebra.Matrix<double>>? recurrentInitializer = null) =>
            new MinimalGatedCell(inputSize, hiddenSize, seed, name);
    }
}
