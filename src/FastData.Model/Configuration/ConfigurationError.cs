namespace FastData.Model.Configuration;

/// <summary>One problem found in a configuration folder.</summary>
/// <param name="File">The file, relative to the configuration folder, with '/' separators.</param>
/// <param name="JsonPath">Where in the file, e.g. <c>$.config.customers.fields.EMAIL.castFunction</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
public sealed record ConfigurationError(string File, string JsonPath, string Message, int? Line = null, int? Column = null)
{
    /// <summary>Formats as <c>file(line,col): path: message</c> (the position is omitted when unknown).</summary>
    public override string ToString() =>
        Line is { } line
            ? $"{File}({line},{Column ?? 1}): {JsonPath}: {Message}"
            : $"{File}: {JsonPath}: {Message}";
}
