namespace Releat.Training;

public enum TrainingStage
{
    LoadingConfig,
    BuildingDataset,
    Training,
    Completed,
    Stopped,
}
