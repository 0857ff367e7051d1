using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RnnNotebooks.Text;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// Saves and loads a <see cref="CharLanguageModel"/> as one UTF-8 JSON document (format
/// "RnnNotebooks.CharLanguageModel", version 2; described in Recurrent/ModelFile.md):
/// <code>
/// { "format": "RnnNotebooks.CharLanguageModel", "version": 2,
///   "cell": { "kind": "Lstm", "forgetBias": 1 }, "hiddenSize": 64, "layers": 1,
///   "embeddingSize": null, "seed": 0, "vocabulary": "\n !,.abc…",
///   "parameters": [ { "name": "layer1.W_xi", "rows": 64, "columns": 40, "data": "…base64…" }, … ] }
/// </code>
/// <c>vocabulary</c> lists the characters in id order; each parameter's <c>data</c> is its
/// rows·columns values as little-endian IEEE-754 float64 in column-major order, base64-encoded, so a
/// round trip restores every bit and predicts identically. <c>cell</c> is the <see cref="CellSpec"/> as it is,
/// so a cell's options are saved without this class knowing them. Loading checks the format name, the
/// version and that every parameter's name and shape match what the header's architecture implies; files of
/// version 1 (the cell kind, <c>activation</c> and <c>forgetBias</c> side by side) still load.
/// </summary>
public static class ModelFile
{
    /// <summary>The format name written in every file.</summary>
    public const string FormatName = "RnnNotebooks.CharLanguageModel";

    /// <summary>The version this library writes (it also reads version 1).</summary>
    public const int Version = 2;

    // Made per call: a cell kind registered after the first save must still be known to the next.
    static JsonSerializerOptions Json => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true,   // "kind" need not come first in a hand-edited file
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { CellSpec.DescribeKinds } },
    };

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>: <c>ModelFile.Save(model, "shakespeare.rnn.json")</c>.</summary>
    public static void Save(CharLanguageModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("The path to save the model to is empty: give a file name, e.g. \"moby-dick.rnn.json\".", nameof(path));
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new ArgumentException($"'{full}' is a folder: give a file name inside it, e.g. \"{Path.Combine(path, "model.rnn.json")}\".", nameof(path));
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot save the model to '{full}': the folder '{folder}' does not exist. Create it first (Directory.CreateDirectory) or save next to the notebook.");
        using var stream = File.Create(full);
        Save(model, stream);
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>.</summary>
    public static void Save(CharLanguageModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        var o = model.Options;
        var document = new Document(FormatName, Version, o.Cell, o.HiddenSize, o.Layers, o.EmbeddingSize, o.Seed,
            new string(model.Vocabulary.Characters.ToArray()),
            model.Parameters.Select(p => new StoredParameter(p.Name, p.Value.RowCount, p.Value.ColumnCount, Encode(p.Value.ToColumnMajorArray()))).ToList());
        JsonSerializer.Serialize(stream, document, Json);
    }

    /// <summary>Reads a model saved by <see cref="Save(CharLanguageModel, string)"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a model file of this version, or its shapes do not match its header.</exception>
    public static CharLanguageModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"There is no model file at '{Path.GetFullPath(path)}': check the path, or save a model there first with ModelFile.Save.", path);
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>
    /// Reads a model and checks that it was trained on <paramref name="vocabulary"/>, the one this notebook
    /// encodes its text with: ids mean characters, so a model read against another vocabulary (even one of
    /// the same size) would predict nonsense.
    /// </summary>
    /// <exception cref="InvalidDataException">The file's vocabulary differs; the message lists the characters that differ.</exception>
    public static CharLanguageModel Load(string path, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var model = Load(path);
        if (VocabularyDifference(model.Vocabulary, vocabulary) is { } difference)
            throw new InvalidDataException(
                $"'{path}' was trained on another vocabulary than the one given: {difference}. Encode your text with the model's own vocabulary (model.Vocabulary), or retrain the model on this text.");
        return model;
    }

    /// <summary>How two vocabularies differ, in words, or null when they hold the same characters (ids follow from them: they are sorted).</summary>
    internal static string? VocabularyDifference(Vocabulary stored, Vocabulary given)
    {
        var a = stored.Characters;
        var b = given.Characters;
        if (a.SequenceEqual(b)) return null;
        var onlyStored = a.Except(b).ToList();
        var onlyGiven = b.Except(a).ToList();
        var parts = new List<string>();
        if (onlyStored.Count > 0) parts.Add($"the model's has {Show(onlyStored)} that the given one lacks");
        if (onlyGiven.Count > 0) parts.Add($"the given one has {Show(onlyGiven)} that the model's lacks");
        return string.Join("; ", parts);

        static string Show(IEnumerable<char> chars) => string.Join(" ", chars.Take(12).Select(c => c switch
        {
            '\n' => "'\\n'", '\t' => "'\\t'", ' ' => "' '", _ => $"'{c}'",
        })) + (chars.Count() > 12 ? $" and {chars.Count() - 12} more" : "");
    }

    /// <summary>Reads a model from <paramref name="stream"/>.</summary>
    public static CharLanguageModel Load(Stream stream) => Load(stream, "the stream");

    static CharLanguageModel Load(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Document document;
        try
        {
            using var json = JsonDocument.Parse(stream);
            var options = Json;
            var header = json.RootElement.Deserialize<Header>(options)
                ?? throw new InvalidDataException($"{source} holds no model (the JSON is null).");
            if (header.Format != FormatName)
                throw new InvalidDataException($"{source} has format '{header.Format}', expected '{FormatName}': it is not a language model saved by RnnNotebooks.");
            document = header.Version switch
            {
                Version => json.RootElement.Deserialize<Document>(options)!,
                1 => json.RootElement.Deserialize<DocumentVersion1>(options)!.Upgrade(),
                _ => throw new InvalidDataException($"{source} is format version {header.Version}, but this library reads versions 1 and {Version}: save the model again with this version of RnnNotebooks, or load it with the version that wrote it."),
            };
        }
        catch (JsonException e)
        {
            string problem = e.Message.Contains("discriminator", StringComparison.OrdinalIgnoreCase)
                ? $"its cell kind is not one this library knows ({string.Join(", ", CellSpec.KnownKinds)})"
                : $"its JSON could not be read ({e.Message})";
            throw new InvalidDataException($"{source} is not a model file this library can read: {problem}.", e);
        }
        if (document.Cell is null)
            throw new InvalidDataException($"{source} has no cell: the file is incomplete.");
        if (string.IsNullOrEmpty(document.Vocabulary))
            throw new InvalidDataException($"{source} has no vocabulary: the file is incomplete.");
        if (document.Parameters is null)
            throw new InvalidDataException($"{source} has no parameters: the file is incomplete.");

        CharLanguageModel model;
        try
        {
            model = new CharLanguageModel(new Vocabulary(document.Vocabulary), document.Cell, document.HiddenSize, document.Layers,
                document.EmbeddingSize, document.Seed);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source} describes an impossible model: {e.Message}", e);
        }
        if (model.Vocabulary.Size != document.Vocabulary.Length)
            throw new InvalidDataException($"{source}'s vocabulary repeats characters: expected {document.Vocabulary.Length} distinct characters.");
        if (document.Parameters.Count != model.Parameters.Count)
            throw new InvalidDataException($"{source} holds {document.Parameters.Count} parameter tensors but a {model} has {model.Parameters.Count}: the file does not match its header.");
        for (int k = 0; k < model.Parameters.Count; k++)
        {
            var expected = model.Parameters[k];
            var stored = document.Parameters[k];
            if (stored.Name != expected.Name || stored.Rows != expected.Value.RowCount || stored.Columns != expected.Value.ColumnCount)
                throw new InvalidDataException(
                    $"{source}: parameter {k} is '{stored.Name}' {stored.Rows}×{stored.Columns}, but the header's architecture needs '{expected.Name}' {expected.Shape}.");
            var values = Decode(stored, source);
            for (int j = 0, i = 0; j < stored.Columns; j++)
                for (int r = 0; r < stored.Rows; r++)
                    expected.Value[r, j] = values[i++];
        }
        return model;
    }

    static string Encode(double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return Convert.ToBase64String(bytes);
    }

    static double[] Decode(StoredParameter stored, string source)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(stored.Data ?? ""); }
        catch (FormatException e) { throw new InvalidDataException($"{source}: the data of '{stored.Name}' is not valid base64.", e); }
        int count = stored.Rows * stored.Columns;
        if (bytes.Length != count * sizeof(double))
            throw new InvalidDataException($"{source}: '{stored.Name}' should hold {count} float64 values ({count * sizeof(double)} bytes) but holds {bytes.Length} bytes.");
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return values;
    }

    sealed record Header(string Format, int Version);

    sealed record Document(string Format, int Version, CellSpec Cell, int HiddenSize, int Layers,
        int? EmbeddingSize, int Seed, string Vocabulary, List<StoredParameter> Parameters);

    // Version 1 stored every cell option beside the kind, whichever kind it was.
    sealed record DocumentVersion1(string Format, int Version, CellKind Cell, RnnActivation Activation, double ForgetBias, int HiddenSize, int Layers,
        int? EmbeddingSize, int Seed, string Vocabulary, List<StoredParameter> Parameters)
    {
        public Document Upgrade() => new(Format, Version, CellSpec.Of(Cell, Activation, ForgetBias), HiddenSize, Layers, EmbeddingSize, Seed, Vocabulary, Parameters);
    }

    sealed record StoredParameter(string Name, int Rows, int Columns, string Data);
}
