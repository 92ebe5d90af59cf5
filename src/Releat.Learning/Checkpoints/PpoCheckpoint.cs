using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Releat.Learning.Optimisation;
using Releat.Learning.Parameters;
using Releat.Learning.Ppo;

namespace Releat.Learning.Checkpoints;

/// <summary>
/// A PPO run on disk, one directory: model.safetensors (the weights, PyTorch names), optimizer.safetensors
/// (Adam's exp_avg.* and exp_avg_sq.* with the step count in its metadata), config.json (the PpoConfig in CleanRL's
/// snake_case names) and trainer_state.json. Restoring into a trainer built from the same config continues the run
/// bit for bit.
/// </summary>
public static class PpoCheckpoint
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string ConfigFile = "config.json";
    public const string TrainerStateFile = "trainer_state.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Save(PpoTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        Directory.CreateDirectory(directory);
        ParameterStore<float> parameters = trainer.Agent.Parameters;
        string iteration = trainer.Iteration.ToString(CultureInfo.InvariantCulture);
        ParameterFile.Save(parameters, Path.Combine(directory, ModelFile), new Dictionary<string, string> { ["iteration"] = iteration });

        Adam adam = trainer.Optimizer;
        var moments = new List<SafeTensor>();
        foreach (ParameterTensor t in parameters.Tensors)
        {
            moments.Add(new SafeTensor("exp_avg." + t.Name, t.Shape, adam.FirstMoment.Slice(t.Offset, t.Length).ToArray()));
            moments.Add(new SafeTensor("exp_avg_sq." + t.Name, t.Shape, adam.SecondMoment.Slice(t.Offset, t.Length).ToArray()));
        }

        SafeTensorsFile.Write(Path.Combine(directory, OptimizerFile), moments, new Dictionary<string, string>
        {
            ["step"] = adam.Step.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = adam.Config.WeightDecay == 0 ? "Adam" : "AdamW",
        });

        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(trainer.Config, JsonOptions));
        File.WriteAllText(Path.Combine(directory, TrainerStateFile), JsonSerializer.Serialize(trainer.CaptureState(), JsonOptions));
    }

    public static PpoConfig LoadConfig(string directory)
    {
        string path = Path.Combine(directory, ConfigFile);
        try
        {
            return JsonSerializer.Deserialize<PpoConfig>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path}: the file holds no configuration.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a PPO configuration ({e.Message}).", e);
        }
    }

    /// <summary>Loads weights, optimiser state and trainer state into a trainer built from <see cref="LoadConfig"/>.</summary>
    public static void Restore(PpoTrainer trainer, string directory)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ParameterStore<float> parameters = trainer.Agent.Parameters;

        // Every file is read and checked before anything is written: a broken checkpoint leaves the trainer as it was,
        // never with new weights under old optimiser moments.
        Action loadWeights = ParameterFile.Read(parameters, Path.Combine(directory, ModelFile));
        string optimizerPath = Path.Combine(directory, OptimizerFile);
        SafeTensorsContent moments = SafeTensorsFile.Read(optimizerPath);
        var momentCopies = new List<(SafeTensor Stored, ParameterTensor Tensor, bool Second)>(2 * parameters.Tensors.Count);
        foreach (ParameterTensor t in parameters.Tensors)
        {
            momentCopies.Add((Moment(moments, optimizerPath, "exp_avg." + t.Name, t), t, false));
            momentCopies.Add((Moment(moments, optimizerPath, "exp_avg_sq." + t.Name, t), t, true));
        }

        if (!moments.Metadata.TryGetValue("step", out string? step) || !long.TryParse(step, CultureInfo.InvariantCulture, out long steps))
        {
            throw new SafeTensorsFormatException($"safetensors {optimizerPath}: __metadata__ has no integer 'step'.");
        }

        string statePath = Path.Combine(directory, TrainerStateFile);
        PpoTrainerState state;
        try
        {
            state = JsonSerializer.Deserialize<PpoTrainerState>(File.ReadAllText(statePath), JsonOptions)
                ?? throw new InvalidDataException($"{statePath}: the file holds no trainer state.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{statePath}: not a trainer state ({e.Message})", e);
        }

        loadWeights();
        Adam adam = trainer.Optimizer;
        foreach ((SafeTensor stored, ParameterTensor tensor, bool second) in momentCopies)
        {
            stored.Values.CopyTo((second ? adam.SecondMoment : adam.FirstMoment).Slice(tensor.Offset, tensor.Length));
        }

        adam.RestoreStep(steps);
        trainer.RestoreState(state);
    }

    private static SafeTensor Moment(SafeTensorsContent content, string path, string name, ParameterTensor tensor)
    {
        SafeTensor stored = content.Tensors.FirstOrDefault(t => t.Name == name)
            ?? throw new SafeTensorsFormatException($"safetensors {path}: optimiser tensor '{name}' is missing.");
        if (stored.Values.Length != tensor.Length)
        {
            throw new SafeTensorsFormatException($"safetensors {path}: optimiser tensor '{name}' holds {stored.Values.Length} values, the parameter has {tensor.Length}.");
        }

        return stored;
    }
}
