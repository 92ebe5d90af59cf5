using System.Text.Json;
using System.Text.Json.Serialization;

namespace Releat.Features.Store;

/// <summary>Dataset metadata to and from JSON (snake_case, doubles written round-trip exact).</summary>
public static class DatasetJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // "columns": null would otherwise deserialize into a non-nullable list and fail later as a NullReferenceException.
        RespectNullableAnnotations = true,
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

        if (metadata.Rows < 0 || metadata.Transforms.Count != metadata.Width || metadata.DecisionStepMs <= 0
            || metadata.Columns.Any(c => c is null) || metadata.Transforms.Any(t => t is null))
        {
            throw new DatasetFormatException(
                $"{source}: inconsistent metadata: {metadata.Rows} rows, {metadata.Width} columns, {metadata.Transforms.Count} transforms "
                + $"({metadata.Columns.Count(c => c is null)} column names and {metadata.Transforms.Count(t => t is null)} transforms null), step {metadata.DecisionStepMs} ms");
        }

        return metadata;
    }
}
