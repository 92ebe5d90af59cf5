using System.Text.Json.Nodes;

namespace Releat.Security.Tests.Fuzz.Checkpoints;

/// <summary>Changes to a safetensors header read as a JSON tree: one tensor's dtype, shape or offsets, the metadata, extra entries.</summary>
internal static class HeaderTreeMutations
{
    private const string Metadata = "__metadata__";

    public static string Apply(SafeTensorsMutationKind kind, JsonObject header, string tensor, Random random)
    {
        // Where the tensors sit in the valid file (they tile the data in layout order); an earlier mutation may
        // already have broken this tensor's entry, so nothing is read back from the header.
        (long begin, long end) = OffsetsOf(tensor);
        long dataLength = OffsetsOf(CheckpointLayout.Tensors[^1].Name).End;
        int count = (int)((end - begin) / sizeof(float));
        if (header[tensor] is not JsonObject entry)
        {
            return $"{kind} skipped: '{tensor}' is no longer an entry";
        }

        switch (kind)
        {
            case SafeTensorsMutationKind.Dtype:
                JsonNode?[] dtypes = ["F16", "BF16", "F64", "I32", "f32", "", " F32", "F32\u0000", 1, null, true, new JsonObject { ["a"] = 1 }, new JsonArray("F32")];
                JsonNode? dtype = Pick(random, dtypes);
                entry["dtype"] = dtype?.DeepClone();
                return $"'{tensor}' dtype -> {Show(dtype)}";
            case SafeTensorsMutationKind.RemoveField:
                if (random.Next(4) == 0)
                {
                    JsonNode?[] replacements = [1, "x", new JsonArray(), null];
                    JsonNode? replacement = Pick(random, replacements);
                    header[tensor] = replacement?.DeepClone();
                    return $"'{tensor}' entry -> {Show(replacement)}";
                }

                string field = Pick(random, ["dtype", "shape", "data_offsets"]);
                entry.Remove(field);
                return $"'{tensor}' without {field}";
            case SafeTensorsMutationKind.Shape:
                JsonNode? shape = Pick(random, Shapes(CheckpointLayout.Tensors.First(t => t.Name == tensor).Shape, count, random));
                entry["shape"] = shape?.DeepClone();
                return $"'{tensor}' shape -> {Show(shape)}";
            case SafeTensorsMutationKind.Offsets:
                var other = CheckpointLayout.Tensors.Where(t => t.Name != tensor).Select(t => OffsetsOf(t.Name)).ToArray();
                JsonNode?[] offsets =
                [
                    Pair(end, begin), Pair(begin - 4, end - 4), Pair(begin + 4, end + 4), Pair(begin, end + 4), Pair(begin, end - 4),
                    Pair(-4, end), Pair(begin, long.MaxValue), Pair(long.MaxValue - 3, long.MaxValue), Pair(0, 0), Pair(dataLength, dataLength + (end - begin)),
                    new JsonArray("0", "16"), new JsonArray(0.5, 16), new JsonArray(begin), new JsonArray(begin, end, 0), null,
                    new JsonObject { ["0"] = begin }, new JsonArray(1e300, 1e301), JsonNode.Parse("[9223372036854775808, 9223372036854775812]"),
                    Pair(other[random.Next(other.Length)].Begin, other[random.Next(other.Length)].End),
                ];
                JsonNode? chosen = Pick(random, offsets);
                entry["data_offsets"] = chosen?.DeepClone();
                return $"'{tensor}' data_offsets [{begin}, {end}] -> {Show(chosen)}";
            case SafeTensorsMutationKind.Metadata:
                JsonNode?[] metadata =
                [
                    new JsonArray(), 1, null, new JsonObject { ["a"] = 1 }, new JsonObject { ["a"] = null }, new JsonObject { ["a"] = new JsonObject { ["b"] = "c" } },
                    new JsonObject { ["step"] = "x", ["\u00e9"] = "\u4e2d" }, new JsonObject(Enumerable.Range(0, 1000).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)"v"))),
                ];
                JsonNode? value = Pick(random, metadata);
                header[Metadata] = value?.DeepClone();
                return $"__metadata__ -> {Show(value)}";
            default:
                JsonNode?[] extras =
                [
                    Entry("F32", [0], 0, 0), Entry("F32", [], dataLength, dataLength + 4), Entry("F32", [1], 0, 4), Entry("F64", [0], 0, 0),
                    Entry("F32", [65536, 65536, 65536, 65536], 0, 0), Entry("F32", [2147483647, 2147483647, 2147483647], dataLength, dataLength),
                    Entry("F32", [1], dataLength, dataLength + 4),
                ];
                JsonNode? extra = Pick(random, extras);
                string name = "extra." + random.Next(100);
                header[name] = extra?.DeepClone();
                return $"extra tensor '{name}' {Show(extra)}";
        }
    }

    private static (long Begin, long End) OffsetsOf(string tensor)
    {
        long begin = 0;
        foreach ((string name, int[] shape) in CheckpointLayout.Tensors)
        {
            long end = begin + (shape.Aggregate(1L, (n, d) => n * d) * sizeof(float));
            if (name == tensor)
            {
                return (begin, end);
            }

            begin = end;
        }

        throw new ArgumentException($"no tensor '{tensor}' in the layout", nameof(tensor));
    }

    private static JsonNode?[] Shapes(int[] dims, int count, Random random)
    {
        int at = dims.Length == 0 ? 0 : random.Next(dims.Length);
        int[] plusOne = [.. dims];
        int[] minusOne = [.. dims];
        if (dims.Length > 0)
        {
            plusOne[at]++;
            minusOne[at]--;
        }

        return
        [
            new JsonArray(), Ints(-1), new JsonArray(1.5), new JsonArray("4"), JsonNode.Parse("[2147483648]"), Ints(65536, 65536, 65536, 65536),
            Ints(plusOne), Ints(minusOne), Ints([.. dims.Reverse()]), Ints(count), Ints(0), null, "4x3", Ints([.. dims, 1]), Ints(1, count),
            Ints(count, 0), new JsonArray((JsonNode?)null),
        ];
    }

    private static JsonObject Entry(string dtype, int[] shape, long begin, long end) =>
        new() { ["dtype"] = dtype, ["shape"] = Ints(shape), ["data_offsets"] = Pair(begin, end) };

    private static JsonArray Ints(params int[] values) => [.. values.Select(v => (JsonNode?)v)];

    private static JsonArray Pair(long begin, long end) => new(begin, end);

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string Show(JsonNode? node)
    {
        string text = node?.ToJsonString() ?? "null";
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
