using System.Text.Json;
using System.Text.Json.Serialization;

namespace Releat.Features;

/// <summary>Dataset metadata to and from JSON (snake_case, doubles written round-trip exact).</summary>
public static class DatasetJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(DatasetMetadata metadata) => JsonSerializer.Serialize(metadata, Options);

    /// <summary>Parses and checks metadata; errors name <paramref name="source"/>.</summary>
    public static DatasetMetadata Deserialize(string json, string source)
    {
        DatasetMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<DatasetMetadata>(json, Options);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException($"{source}: bad metadata JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }

        if (metadata is null)
        {
            throw new DatasetFormatException($"{source}: metadata is empty");
        }

        if (metadata.FormatVersion != DatasetMetadata.CurrentFormatVersion)
        {
            throw new DatasetFormatException($"{source}: format_version {metadata.FormatVersion}, this build reads {DatasetMetadata.CurrentFormatVersion}");
        }

        if (metadata.Rows < 0 || metadata.Transforms.Count != metadata.Width || metadata.DecisionStepMs <= 0)
        {
            throw new DatasetFormatException(
                $"{source}: inconsistent metadata: {metadata.Rows} rows, {metadata.Width} columns, {metadata.Transforms.Count} transforms, step {metadata.DecisionStepMs} ms");
        }

        return metadata;
    }
}
