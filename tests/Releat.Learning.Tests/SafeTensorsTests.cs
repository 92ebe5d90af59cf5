using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Releat.Learning.Checkpoints;
using Releat.Learning.Models;

namespace Releat.Learning.Tests;

public sealed class SafeTensorsTests
{
    [Fact]
    public void Written_file_reads_back_with_shapes_values_and_metadata()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("t.safetensors");
        SafeTensor[] tensors = [new("a.weight", [2, 3], [1, 2, 3, 4, 5, 6]), new("a.bias", [2], [-0.5f, float.Epsilon])];
        SafeTensorsFile.Write(path, tensors, new Dictionary<string, string> { ["step"] = "42" });

        SafeTensorsContent content = SafeTensorsFile.Read(path);
        Assert.Equal("42", content.Metadata["step"]);
        Assert.Equal([2, 3], content["a.weight"].Shape);
        Assert.Equal(tensors[0].Values, content["a.weight"].Values);
        Assert.Equal(tensors[1].Values, content["a.bias"].Values);
        Assert.Equal(0, (BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path)) + 8) % 8); // data starts 8-aligned
    }

    [Fact]
    public void Numpy_reads_a_model_checkpoint_and_computes_the_same_network()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        var agent = new MlpActorCritic<float>(4, 2, [64, 64], 8, seed: 5);
        ParameterFile.Save(agent.Parameters, path);
        float[] observation = [0.01f, -0.2f, 0.03f, 0.4f];
        var output = agent.Forward(observation, 1, training: false);
        float[] mine = [.. output.Logits.ToArray(), output.Values[0]];

        // The header parsed by hand (the safetensors module is not installed) and the MLPs evaluated with numpy in
        // float64, in PyTorch's conventions: y = x·Wᵀ + b with W stored [out, in]; tensors named as torch would.
        string script = """
            import sys, json, struct, numpy as np
            raw = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            header = json.loads(raw[8:8 + n]); data = raw[8 + n:]
            meta = header.pop('__metadata__')
            t = {}
            for name, e in header.items():
                assert e['dtype'] == 'F32'
                b, end = e['data_offsets']
                t[name] = np.frombuffer(data[b:end], dtype='<f4').reshape(e['shape']).astype(np.float64)
            def mlp(prefix, x):
                for i in (0, 2):
                    x = np.tanh(x @ t[f'{prefix}.{i}.weight'].T + t[f'{prefix}.{i}.bias'])
                return x @ t[f'{prefix}.4.weight'].T + t[f'{prefix}.4.bias']
            x = np.array([0.01, -0.2, 0.03, 0.4], dtype=np.float32).astype(np.float64)
            out = list(mlp('actor', x)) + list(mlp('critic', x))
            print(meta['format'], len(header), ' '.join(repr(float(v)) for v in out))
            """;
        string[] fields = Python.Run(script, path).Trim().Split(' ');
        Assert.Equal("pt", fields[0]);
        Assert.Equal(agent.Parameters.Tensors.Count.ToString(CultureInfo.InvariantCulture), fields[1]);
        float[] theirs = [.. fields.Skip(2).Select(s => float.Parse(s, CultureInfo.InvariantCulture))];
        for (int i = 0; i < mine.Length; i++)
        {
            Assert.True(Math.Abs(mine[i] - theirs[i]) < 1e-5, $"output {i}: releat {mine[i]} vs numpy {theirs[i]}");
        }
    }

    [Fact]
    public void Loading_weights_into_a_fresh_network_reproduces_its_outputs()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        var trained = new MlpActorCritic<float>(4, 2, [64, 64], 4, seed: 1);
        var fresh = new MlpActorCritic<float>(4, 2, [64, 64], 4, seed: 2);
        ParameterFile.Save(trained.Parameters, path);
        ParameterFile.Load(fresh.Parameters, path);
        float[] x = [0.1f, 0.2f, -0.3f, 0.05f];
        Assert.Equal(trained.Forward(x, 1, false).Logits.ToArray(), fresh.Forward(x, 1, false).Logits.ToArray());
    }

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],", "not valid JSON")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", "'w' data_offsets [0, 16] run past")]
    [InlineData("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}", "'w' has dtype F16")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "overlaps tensor 'w'")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "'w' spans 8 bytes but shape [3]")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "4 bytes after tensor 'w'")]
    public void Malformed_headers_are_refused_naming_the_file_and_tensor(string header, string expected)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("bad.safetensors");
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = new byte[8 + json.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        File.WriteAllBytes(path, file);

        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_length_past_the_end_is_refused()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("short.safetensors");
        byte[] file = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, 1000);
        File.WriteAllBytes(path, file);
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("header length 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_into_a_network_of_another_shape_names_the_tensor()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        ParameterFile.Save(new MlpActorCritic<float>(4, 2, [64, 64], 4, 1).Parameters, path);
        var other = new MlpActorCritic<float>(4, 3, [64, 64], 4, 1);
        var error = Assert.Throws<SafeTensorsFormatException>(() => ParameterFile.Load(other.Parameters, path));
        Assert.Contains("'actor.4.weight'", error.Message, StringComparison.Ordinal);
    }
}
