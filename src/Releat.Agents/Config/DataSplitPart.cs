namespace Releat.Agents.Config;

public enum DataSplitPart
{
    None,
    Train,
    Validation,
    Test,
}
