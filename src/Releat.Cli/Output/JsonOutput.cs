using System.Text.Json;
using System.Text.Json.Serialization;

namespace Releat.Cli.Output;

/// <summary>What a command prints with --json: one indented snake_case document on standard output, nothing else.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>A document already serialised by the library that wrote the same to a file.</summary>
    public static void WriteRaw(string json) => Console.Out.WriteLine(json);
}
