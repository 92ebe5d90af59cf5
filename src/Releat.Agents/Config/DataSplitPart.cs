namespace Releat.Agents;

public enum DataSplitPart
{
    None,
    Train,
    Validation,
    Test,
}
