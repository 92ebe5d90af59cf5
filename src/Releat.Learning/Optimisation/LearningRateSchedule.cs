namespace Releat.Learning.Optimisation;

/// <summary>How the learning rate moves across the updates of a run.</summary>
public enum LearningRateSchedule
{
    /// <summary>The initial rate throughout.</summary>
    Constant,

    /// <summary>CleanRL's anneal_lr: lr·(1 − update/updates), reaching zero after the last update.</summary>
    Linear,

    /// <summary>Half a cosine from lr down to zero.</summary>
    Cosine,
}
