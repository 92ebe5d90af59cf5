namespace Releat.Training.Runs;

public enum TrainingStage
{
    LoadingConfig,
    BuildingDataset,
    Training,
    Completed,
    Stopped,
}
