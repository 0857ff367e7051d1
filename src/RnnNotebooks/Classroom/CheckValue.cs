using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

// Compiled into the library (the learner's checks) and into the grader (RnnNotebooks.Runner, which links
// this file), so that a verdict is computed by the same code in the learner's kernel and in the grader.
#if RNN_GRADER
namespace RnnNotebooks.Runner.Classroom;
#else
namespace RnnNotebooks.Classroom;
#endif

/// <summary>
/// A checked value as plain data: numbers with their shape, an exact value (text, whole numbers, truth
/// values, sequences of them) as JSON, null, or "unsupported" (a type no check compares). A learner's answer
/// becomes one of these the moment it is checked, so what is compared is a snapshot that no method of the
/// answer's own type (an <c>Equals</c> that always says yes, an enumeration that changes) takes part in.
/// </summary>
/// <param name="Form"><c>numbers</c>, <c>exact</c>, <c>null</c> or <c>unsupported</c>.</param>
/// <param name="Layout">For numbers: <c>number</c>, <c>vector</c>, <c>matrix</c> or <c>tensors</c> (several named matrices).</param>
/// <param name="Tensors">For numbers: the matrices, column by column.</param>
/// <param name="Exact">For exact values: the value as JSON.</param>
/// <param name="TypeName">For unsupported values: the type's name.</param>
internal sealed record CheckValue(string Form, string? Layout = null, IReadOnlyList<CheckTensor>? Tensors = null,
    JsonNode? Exact = null, string? TypeName = null)
{
    /// <summary>The most elements an exact value may have: an endless sequence stops being read here.</summary>
    public const int MaxElements = 100_000;

    public static readonly CheckValue Null = new("null");

    public static CheckValue Number(double x) => new("numbers", "number", [new CheckTensor("", 1, 1, [x])]);

    public static CheckValue Numbers(string layout, IReadOnlyList<CheckTensor> tensors) => new("numbers", layout, tensors);

    /// <summary>An exact snapshot of <paramref name="value"/>: its elements are read once, here.</summary>
    public static CheckValue ExactOf(object? value)
    {
        if (value is null) return Null;
        int budget = MaxElements;
        try { return new CheckValue("exact", Exact: ToJson(value, ref budget)); }
        catch (NotSupportedException e) { return new CheckValue("unsupported", TypeName: e.Message); }
    }

    static JsonNode? ToJson(object? value, ref int budget)
    {
        if (--budget < 0) throw new NotSupportedException($"a sequence of more than {MaxElements} elements");
        switch (value)
        {
            case null: return null;
            case string s: return JsonValue.Create(s);
            case char c: return JsonValue.Create(c.ToString());
            case bool b: return JsonValue.Create(b);
            case Enum e: return JsonValue.Create(e.ToString());
            case sbyte or byte or short or ushort or int or uint or long:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u: return JsonValue.Create(u);
            case float or double or decimal:
                double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture));
            case ITuple tuple:
                var items = new JsonArray();
                for (int i = 0; i < tuple.Length; i++) items.Add(ToJson(tuple[i], ref budget));
                return items;
            case IEnumerable sequence:
                var elements = new JsonArray();
                foreach (var element in sequence) elements.Add(ToJson(element, ref budget));
                return elements;
            default:
                throw new NotSupportedException(value.GetType().Name);
        }
    }

    static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>The record as one line of JSON.</summary>
    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, Options);

    /// <summary>A record read back; null when the text is not one (a broken or forged line).</summary>
    public static T? Deserialize<T>(string json) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(json, Options); }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException) { return null; }
    }
}

/// <summary>One matrix of a checked value, its entries column by column (a vector is one column).</summary>
internal sealed record CheckTensor(string Name, int Rows, int Columns, double[] Data)
{
    public double this[int r, int c] => Data[c * Rows + r];

    /// <summary>True when the shape and the data agree (a value read back from a file may not).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsWellFormed => Rows >= 0 && Columns >= 0 && Data is not null && (long)Rows * Columns == Data.Length;
}
