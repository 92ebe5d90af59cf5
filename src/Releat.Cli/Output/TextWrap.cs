namespace Releat.Cli.Output;

/// <summary>Wraps prose at spaces to a width; a single word longer than the width (a path) stays whole on its own line.</summary>
internal static class TextWrap
{
    /// <summary>
    /// The lines of <paramref name="text"/>; the first starts with <paramref name="prefix"/> as it is (padding kept),
    /// the others are indented by as much.
    /// </summary>
    public static IEnumerable<string> Lines(string text, int width, string prefix = "")
    {
        var line = new System.Text.StringBuilder(prefix);
        string indent = new(' ', prefix.Length);
        bool empty = true;
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
                empty = true;
            }

            line.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        if (!empty)
        {
            yield return line.ToString();
        }
    }

    public static void WriteTo(TextWriter writer, string text, int width, string prefix = "")
    {
        foreach (string line in Lines(text, width, prefix))
        {
            writer.WriteLine(line);
        }
    }
}
