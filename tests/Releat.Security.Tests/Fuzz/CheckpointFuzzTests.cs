using Releat.Learning.Checkpoints;
using Releat.Learning.Parameters;
using Releat.Security.Tests.Fuzz.Checkpoints;
using Xunit.Abstractions;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Whatever a checkpoint file holds, loading it into a network either sets exactly the values the file stores or
/// fails with a SafeTensorsFormatException naming the file (and the tensor a damaged entry belongs to) and leaves
/// every parameter as it was: a broken file never half-loads a network that may be trading.
/// </summary>
public sealed class CheckpointFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const ulong Seed = 9201;
    private const int Cases = 1500;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("releat-checkpoint-fuzz-").FullName;

    [Fact]
    public void Every_mutated_checkpoint_loads_exactly_or_is_refused_naming_the_file_with_the_network_unchanged()
    {
        byte[] valid = CheckpointLayout.ValidFile(_folder, seed: 42);
        string path = Path.Combine(_folder, "model.safetensors");
        var loaded = 0;
        var refused = 0;
        var read = 0;
        var ran = SeededCases.Check(SafeTensorsCase.Generator(valid), Cases, Seed, checkpoint =>
        {
            File.WriteAllBytes(path, checkpoint.Bytes);
            ParameterStore<float> store = CheckpointLayout.NewStore();
            CheckpointLayout.FillWithSentinel(store);

            CaseOutcome load = BoundedCase.Run(() => ParameterFile.Load(store, path), TimeLimit, checkpoint.Mutations);
            if (load.Error is null)
            {
                SafeTensorsOracle.AssertLoaded(store, checkpoint.Bytes, checkpoint.Mutations);
                loaded++;
            }
            else
            {
                AssertRefusal(load.Error, path, checkpoint);
                AssertSentinel(store, checkpoint.Mutations);
                refused++;
            }

            // The reader on its own (what tools and the optimiser state go through): a consistent read or a refusal.
            SafeTensorsContent? content = null;
            CaseOutcome raw = BoundedCase.Run(() => content = SafeTensorsFile.Read(path), TimeLimit, checkpoint.Mutations);
            if (raw.Error is null)
            {
                SafeTensorsOracle.AssertConsistent(content!, checkpoint.Bytes, checkpoint.Mutations);
                read++;
            }
            else
            {
                AssertRefusal(raw.Error, path, checkpoint);
            }
        });

        output.WriteLine($"safetensors: {ran} mutated checkpoints (seed {Seed}): {loaded} loaded exactly as stored, {refused} refused " +
            $"naming the file with the network unchanged; the reader alone accepted {read}, each consistent with the file's bytes.");
        Assert.Equal(Cases, ran);
        Assert.True(loaded > 50 && refused > 1000, "the generator should produce both outcomes");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertRefusal(Exception error, string path, SafeTensorsCase checkpoint)
    {
        Assert.True(error is SafeTensorsFormatException, $"{checkpoint.Mutations}: {error}");
        Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"{checkpoint.Mutations}: '{error.Message}' does not name the file");
        if (checkpoint.Tensor is { } tensor)
        {
            // A damaged offset may surface as a hole or overlap beside a neighbour: then naming a tensor is enough.
            bool named = error.Message.Contains($"'{tensor}'", StringComparison.Ordinal)
                || (checkpoint.Kinds[0] == SafeTensorsMutationKind.Offsets && error.Message.Contains("tensor '", StringComparison.Ordinal));
            Assert.True(named, $"{checkpoint.Mutations}: '{error.Message}' does not name tensor '{tensor}'");
        }
    }

    private static void AssertSentinel(ParameterStore<float> store, string describe)
    {
        ReadOnlySpan<float> values = store.Values;
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(values[i]) == BitConverter.SingleToInt32Bits(CheckpointLayout.Sentinel(i)),
                $"{describe}: the failed load changed parameter {i}");
        }
    }
}
