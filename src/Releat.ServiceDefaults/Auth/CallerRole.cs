namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// What a caller may do. <see cref="Read"/> looks (market data, status, positions, account, signals, checkpoints);
/// <see cref="Trade"/> acts (orders, closing and flattening, pause/resume, training and build jobs) and can also read.
/// </summary>
public enum CallerRole
{
    Read = 1,
    Trade = 2,
}
