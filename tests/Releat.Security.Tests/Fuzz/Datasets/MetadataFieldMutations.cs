using System.Text.Json.Nodes;

namespace Releat.Security.Tests.Fuzz.Datasets;

/// <summary>One metadata field set to a wrong, missing, extreme or inconsistent value (or a harmless unknown one).</summary>
internal static class MetadataFieldMutations
{
    public static string Apply(JsonObject metadata, Random random)
    {
        int rows = StoredDataset.Rows;
        (string Field, JsonNode?[] Values)[] fields =
        [
            ("rows", [-1, 0, rows - 1, rows + 1, int.MaxValue, 2147483648L, long.MaxValue, "40", 40.5, null, 1e30]),
            ("format_version", [0, 2, -1, null, "1", 1.5, int.MaxValue]),
            ("decision_step_ms", [0, -1, null, 1e30, long.MinValue, "10000"]),
            ("time_offset_ms", [null, -1, long.MaxValue, "x"]),
            ("columns", [null, new JsonArray(), new JsonArray("a"), Strings(1000), new JsonArray(null, null, null), "abc", Strings(3, same: true), new JsonArray(1, 2, 3)]),
            ("transforms", [null, new JsonArray(), new JsonArray(new JsonObject()), new JsonArray(null, null, null), Transforms(2), new JsonArray(new JsonObject { ["column"] = 1 }, null, null), Transforms(4), "x"]),
            ("agent_state_columns", [null, new JsonArray(), 5]),
            ("data_range", [null, new JsonObject(), new JsonObject { ["start_ms"] = "x" }, new JsonArray(), new JsonObject { ["start_ms"] = 5, ["end_ms"] = 1 }]),
            ("train", [null, 1, new JsonObject { ["start_ms"] = long.MinValue, ["end_ms"] = long.MaxValue }]),
            ("agent_id", [null, 5, "", "../../../etc/passwd", new string('a', 100_000)]),
            ("traded_symbol", [null, "", new JsonArray()]),
            ("ticks_read", [-1, null, 1e300, "many"]),
            ("config_sha256", [null, 12, "not hex"]),
            ("unknown_field", [1, null, new JsonObject { ["nested"] = new JsonArray(1, 2) }]),
        ];
        (string field, JsonNode?[] values) = fields[random.Next(fields.Length)];
        if (random.Next(8) == 0 && field != "unknown_field")
        {
            metadata.Remove(field);
            return $"metadata {field} removed";
        }

        JsonNode? value = values[random.Next(values.Length)];
        metadata[field] = value?.DeepClone();
        string shown = value?.ToJsonString() ?? "null";
        return $"metadata {field} -> {(shown.Length <= 40 ? shown : shown[..37] + "...")}";
    }

    private static JsonArray Strings(int count, bool same = false) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode?)(same ? "a" : $"c{i}"))];

    private static JsonArray Transforms(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode?)new JsonObject
        {
            ["column"] = $"c{i}", ["clip_lower"] = null, ["clip_upper"] = null, ["lambda"] = null, ["mean"] = null,
            ["std_dev"] = null, ["compress_tails"] = false, ["clip"] = null, ["constant"] = false,
        })];
}
