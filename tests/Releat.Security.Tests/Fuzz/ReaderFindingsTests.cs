using System.Buffers.Binary;
using System.Text;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Checkpoints;
using Releat.Learning.Parameters;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// What fuzzing the checkpoint, dataset and agent-config readers found, each kept as the smallest input that
/// showed it. Before the fixes these threw ArgumentException, InvalidOperationException or NullReferenceException,
/// passed a bogus tensor, half-loaded a network, or pointed at the wrong line.
/// </summary>
public sealed class ReaderFindingsTests : IDisposable
{
    private const string A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    private const string B = "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}";

    private readonly string _folder = Directory.CreateTempSubdirectory("releat-reader-findings-").FullName;

    public static TheoryData<string, string, int> Checkpoints => new()
    {
        { "a tensor named twice (was ArgumentException)", "{" + A + "," + B.Replace("\"b\"", "\"a\"").Replace("[1]", "[2]").Replace("[8,12]", "[8,16]") + "}", 4 },
        { "offsets written as strings (was InvalidOperationException)", "{" + A + "," + B.Replace("[8,12]", "[\"8\",\"12\"]") + "}", 3 },
        { "a name escaping a lone surrogate (was InvalidOperationException)", "{" + A + "," + B + ",\"\\udc00x\":{}}", 3 },
        { "a shape whose element count wraps to 0 (was read as an empty tensor)", "{" + A + "," + B + ",\"z\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536,65536],\"data_offsets\":[12,12]}}", 3 },
        { "a later tensor missing (left the first one loaded)", "{" + A + "," + B.Replace("\"b\"", "\"c\"") + "}", 3 },
        { "a later tensor of another shape (left the first one loaded)", "{" + A + "," + B.Replace("[1]", "[1,1]") + "}", 3 },
    };

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public void A_broken_checkpoint_is_refused_naming_the_file_and_loads_nothing(string name, string header, int floats)
    {
        string path = WriteCheckpoint(Encoding.UTF8.GetBytes(header), floats);
        ParameterStore<float> store = SentinelStore();

        var error = Assert.Throws<SafeTensorsFormatException>(() => ParameterFile.Load(store, path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.True(store.Values.ToArray().All(v => v == -7f), $"{name}: the failed load changed the network");
    }

    [Fact]
    public void Invalid_UTF8_in_a_header_string_is_refused_naming_the_file()
    {
        byte[] header = Encoding.UTF8.GetBytes("{" + A + "," + B.Replace("\"F32\"", "\"FX32\"") + "}");
        header[Array.IndexOf(header, (byte)'X')] = 0xFF;
        string path = WriteCheckpoint(header, 3);

        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"columns\":null,\"transforms\":[]")]
    [InlineData("\"columns\":[],\"transforms\":null")]
    [InlineData("\"columns\":[null],\"transforms\":[null]")]
    public void Null_columns_or_transforms_are_refused_naming_the_metadata_file(string fields)
    {
        const string Range = "{\"start_ms\":0,\"end_ms\":1}";
        string json = "{\"format_version\":1,\"agent_id\":\"t\",\"traded_symbol\":\"EURUSD\",\"decision_step_ms\":10000,\"time_offset_ms\":0," +
            $"\"data_range\":{Range},\"train\":{Range},\"validation\":{Range},\"test\":{Range},\"rows\":0,{fields}}}";

        var error = Assert.Throws<DatasetFormatException>(() => DatasetJson.Deserialize(json, "datasets/x/metadata.json"));

        Assert.StartsWith("datasets/x/metadata.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_of_no_anchor_is_reported_at_its_own_line()
    {
        var loader = new AgentConfigLoader(new FeatureRegistry());

        var error = Assert.Throws<AgentConfigException>(() => loader.Parse("agent: t00001\nmodel: *nowhere\n", "agent.yaml"));

        Assert.Equal(2, Assert.Single(error.Errors).Location.Line);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ParameterStore<float> SentinelStore()
    {
        var store = new ParameterStore<float>();
        store.Register("a", 2);
        store.Register("b", 1);
        store.GetValuesForWriting().Fill(-7f);
        return store;
    }

    /// <summary>Length prefix, header, then <paramref name="floats"/> float32 values 1, 2, 3...</summary>
    private string WriteCheckpoint(byte[] header, int floats)
    {
        byte[] file = new byte[8 + header.Length + (floats * sizeof(float))];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        for (int i = 0; i < floats; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(8 + header.Length + (i * sizeof(float))), i + 1);
        }

        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".safetensors");
        File.WriteAllBytes(path, file);
        return path;
    }
}
