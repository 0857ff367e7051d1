using System.Text.Json;
using Plotly.NET;

namespace RnnNotebooks.Tests.Display;

/// <summary>Reads a Plotly.NET chart back as the JSON plotly.js receives, to check traces and axes.</summary>
static class ChartJson
{
    public static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public static List<JsonElement> Traces(GenericChart chart) => Figure(chart).GetProperty("data").EnumerateArray().ToList();

    public static JsonElement Layout(GenericChart chart) => Figure(chart).GetProperty("layout");

    public static string Type(JsonElement trace) => trace.GetProperty("type").GetString()!;

    public static string Name(JsonElement trace) => trace.GetProperty("name").GetString()!;

    public static double[] Numbers(JsonElement trace, string key) => trace.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
