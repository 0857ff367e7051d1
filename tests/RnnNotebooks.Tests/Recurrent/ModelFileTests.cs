using RnnNotebooks.Training;
using System.Text;
using System.Text.Json.Nodes;
using RnnNotebooks.Recurrent;
using RnnNotebooks.Text;

namespace RnnNotebooks.Tests.Recurrent;

public class ModelFileTests
{
    static CharLanguageModel Trained(CellKind cell, int layers, int? embedding, RnnActivation activation = RnnActivation.Tanh)
    {
        var vocabulary = new Vocabulary("hello world\n\"quoted\" é");
        var model = new CharLanguageModel(vocabulary, cell, hiddenSize: 7, layers: layers, embeddingSize: embedding, seed: 3, activation: activation, forgetBias: 2);
        var adam = new Adam(0.05);
        foreach (var window in TextWindows.Cut("hello world\n\"quoted\" é hello world", vocabulary, 5, 2))
        {
            model.ComputeGradients(window);
            adam.Step(model.Parameters);     // values no longer equal to the seeded initialisation
        }
        return model;
    }

    static string SaveToString(CharLanguageModel model)
    {
        using var stream = new MemoryStream();
        ModelFile.Save(model, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static CharLanguageModel LoadFromString(string json) => ModelFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData(CellKind.Lstm, 2, 4, RnnActivation.Tanh)]
    [InlineData(CellKind.Rnn, 1, null, RnnActivation.Relu)]
    [InlineData(CellKind.Gru, 2, null, RnnActivation.Tanh)]
    public void Save_and_load_round_trip_predicts_bit_identically(CellKind cell, int layers, int? embedding, RnnActivation activation)
    {
        var model = Trained(cell, layers, embedding, activation);
        string path = Path.Combine(Path.GetTempPath(), $"rnn-model-{Guid.NewGuid():N}.rnn.json");
        try
        {
            ModelFile.Save(model, path);
            var loaded = ModelFile.Load(path);

            Assert.Equal(model.Options, loaded.Options);
            Assert.Equal(model.Vocabulary.Characters, loaded.Vocabulary.Characters);
            Assert.Equal(model.Parameters.Select(p => p.Name), loaded.Parameters.Select(p => p.Name));
            for (int k = 0; k < model.Parameters.Count; k++)
                Assert.Equal(model.Parameters[k].Value.ToColumnMajorArray(), loaded.Parameters[k].Value.ToColumnMajorArray());
            Assert.Equal(model.NextCharacterProbabilities("hello w"), loaded.NextCharacterProbabilities("hello w"));
            Assert.Equal(model.Generate("he", 40, new TemperatureSampler(1.2), seed: 8), loaded.Generate("he", 40, new TemperatureSampler(1.2), seed: 8));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void File_header_is_documented_json()
    {
        var json = JsonNode.Parse(SaveToString(Trained(CellKind.Lstm, 1, null)))!;
        Assert.Equal(ModelFile.FormatName, (string?)json["format"]);
        Assert.Equal(2, (int?)json["version"]);
        Assert.Equal("Lstm", (string?)json["cell"]!["kind"]);
        Assert.Equal(2, (double?)json["cell"]!["forgetBias"]);
        Assert.Equal(7, (int?)json["hiddenSize"]);
        Assert.Equal(7 * 14 * 8, Convert.FromBase64String((string)json["parameters"]![0]!["data"]!).Length); // W_xi: 7×14 float64
    }

    [Fact]
    public void A_file_of_another_version_fails_with_a_clear_message()
    {
        var json = JsonNode.Parse(SaveToString(Trained(CellKind.Rnn, 1, null)))!;
        json["version"] = 3;
        var e = Assert.Throws<InvalidDataException>(() => LoadFromString(json.ToJsonString()));
        Assert.Contains("format version 3", e.Message);
        Assert.Contains("reads versions 1 and 2", e.Message);
    }

    [Theory]
    [InlineData(CellKind.Rnn)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void A_version_1_file_still_loads_into_the_same_model(CellKind cell)
    {
        var model = Trained(cell, 1, null, RnnActivation.Relu);
        var json = JsonNode.Parse(SaveToString(model))!.AsObject();
        // Version 1 stored the kind and every option side by side instead of the cell's spec.
        json["version"] = 1;
        json["cell"] = cell.ToString();
        json["activation"] = "Relu";
        json["forgetBias"] = 2;
        var loaded = LoadFromString(json.ToJsonString());
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.NextCharacterProbabilities("hello w"), loaded.NextCharacterProbabilities("hello w"));
    }

    [Fact]
    public void A_file_with_an_unknown_cell_kind_fails_naming_the_known_ones()
    {
        var json = JsonNode.Parse(SaveToString(Trained(CellKind.Gru, 1, null)))!;
        json["cell"]!["kind"] = "Transformer";
        var e = Assert.Throws<InvalidDataException>(() => LoadFromString(json.ToJsonString()));
        Assert.Contains("cell kind is not one this library knows (Rnn, Lstm, Gru", e.Message);
    }

    [Fact]
    public void A_file_of_another_format_fails_with_a_clear_message()
    {
        var json = JsonNode.Parse(SaveToString(Trained(CellKind.Rnn, 1, null)))!;
        json["format"] = "SomethingElse";
        Assert.Contains("expected 'RnnNotebooks.CharLanguageModel'", Assert.Throws<InvalidDataException>(() => LoadFromString(json.ToJsonString())).Message);
    }

    [Fact]
    public void A_file_whose_shapes_do_not_match_its_header_fails_naming_the_parameter()
    {
        var json = JsonNode.Parse(SaveToString(Trained(CellKind.Gru, 1, null)))!;
        json["hiddenSize"] = 8;
        var e = Assert.Throws<InvalidDataException>(() => LoadFromString(json.ToJsonString()));
        Assert.Contains("'layer1.W_xz' 7×14", e.Message);
        Assert.Contains("needs 'layer1.W_xz' 8×14", e.Message);
    }

    [Fact]
    public void Truncated_data_malformed_json_and_a_missing_file_fail_clearly()
    {
        var json = JsonNode.Parse(SaveToString(Trained(CellKind.Rnn, 1, null)))!;
        json["parameters"]![1]!["data"] = Convert.ToBase64String(new byte[16]);
        Assert.Contains("should hold 49 float64 values (392 bytes) but holds 16 bytes", Assert.Throws<InvalidDataException>(() => LoadFromString(json.ToJsonString())).Message);

        Assert.Contains("not a model file", Assert.Throws<InvalidDataException>(() => LoadFromString("{ not json")).Message);
        Assert.Contains("There is no model file at", Assert.Throws<FileNotFoundException>(() => ModelFile.Load("/nonexistent/model.rnn.json")).Message);
    }
}
