using System.Text;
using System.Text.Json;

namespace FastData.Model.Configuration;

/// <summary>
/// One JSON file being read: parses it, reports errors with file, JSON path and (when the path is found in the
/// text) line and column, and offers typed accessors that report instead of throwing.
/// </summary>
internal sealed class ConfigFile
{
    private readonly List<ConfigurationError> _errors;
    private readonly byte[] _bytes;
    private Dictionary<string, List<(int Line, int Column)>>? _positions;

    private ConfigFile(string relativePath, byte[] bytes, JsonElement root, List<ConfigurationError> errors)
    {
        RelativePath = relativePath;
        _bytes = bytes;
        Root = root;
        _errors = errors;
    }

    public string RelativePath { get; }

    public JsonElement Root { get; }

    /// <summary>How many errors this file has reported.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Reads and parses a file; reports a missing file (when required) or malformed JSON.</summary>
    public static ConfigFile? Open(string folder, string relativePath, bool required, List<ConfigurationError> errors)
    {
        var fullPath = Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(fullPath))
        {
            if (required)
            {
                errors.Add(new ConfigurationError(relativePath, "$", "the file is missing"));
            }

            return null;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigurationError(relativePath, "$", $"the file cannot be read: {ex.Message}"));
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return new ConfigFile(relativePath, bytes, document.RootElement.Clone(), errors);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            errors.Add(new ConfigurationError(relativePath, ex.Path ?? "$", $"malformed JSON: {FirstSentence(ex.Message)}", line, column));
            return null;
        }
    }

    public static string Child(string path, string name) =>
        IsSimpleName(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string path, int index) => $"{path}[{index}]";

    public void Error(string path, string message) => Error(path, message, occurrence: 0);

    /// <summary>Reports an error; <paramref name="occurrence"/> picks among repeated property names (0 = first).</summary>
    public void Error(string path, string message, int occurrence)
    {
        ErrorCount++;
        var position = FindPosition(path, occurrence);
        _errors.Add(new ConfigurationError(RelativePath, path, message, position?.Line, position?.Column));
    }

    /// <summary>Checks the root is {version, config} with a supported version; returns the config object.</summary>
    public JsonElement? ReadEnvelope(IReadOnlyCollection<string> supportedVersions, out string version)
    {
        version = string.Empty;
        if (!ExpectObject(Root, "$"))
        {
            return null;
        }

        CheckKeys(Root, "$", "version", "config");
        var v = GetString(Root, "$", "version", required: true);
        if (v is not null)
        {
            version = v;
            if (!supportedVersions.Contains(v))
            {
                Error(Child("$", "version"), $"unsupported version '{v}' (supported: {string.Join(", ", supportedVersions)})");
                return null;
            }
        }
        else
        {
            return null;
        }

        if (!Root.TryGetProperty("config", out var config))
        {
            Error("$", "'config' is required");
            return null;
        }

        return ExpectObject(config, Child("$", "config")) ? config : null;
    }

    public bool ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"must be an object, not {Describe(element)}");
        return false;
    }

    /// <summary>The properties of an object; a repeated name is reported once and its later occurrences skipped.</summary>
    public IEnumerable<(string Name, JsonElement Value, string Path)> Properties(JsonElement obj, string path)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var childPath = Child(path, property.Name);
            seen.TryGetValue(property.Name, out var count);
            seen[property.Name] = count + 1;
            if (count > 0)
            {
                Error(childPath, $"duplicate name '{property.Name}'", count);
                continue;
            }

            yield return (property.Name, property.Value, childPath);
        }
    }

    public void CheckKeys(JsonElement obj, string path, params string[] allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Error(Child(path, property.Name), $"unknown key '{property.Name}' (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    public string? GetString(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Error(path, $"'{name}' is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(Child(path, name), $"must be a string, not {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            Error(Child(path, name), "must not be empty");
            return null;
        }

        return text;
    }

    public bool? GetBool(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(Child(path, name), $"must be true or false, not {Describe(value)}");
        return null;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static bool IsSimpleName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    private (int Line, int Column)? FindPosition(string path, int occurrence)
    {
        _positions ??= IndexPositions(_bytes);
        return _positions.TryGetValue(path, out var found) ? found[Math.Min(occurrence, found.Count - 1)] : null;
    }

    /// <summary>Maps every JSON path of the file to the line and column of its property name (or value in arrays).</summary>
    private static Dictionary<string, List<(int Line, int Column)>> IndexPositions(byte[] bytes)
    {
        var positions = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        void Record(string path, (int, int) position)
        {
            if (!positions.TryGetValue(path, out var list))
            {
                positions[path] = list = [];
            }

            list.Add(position);
        }

        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        (int, int) At(long offset)
        {
            var index = lineStarts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], (int)offset - lineStarts[line]) + 1;
            return (line + 1, column);
        }

        var containers = new Stack<(string Path, bool IsArray, int NextIndex)>();
        string? pendingProperty = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var parent = containers.Peek().Path;
                    pendingProperty = Child(parent, reader.GetString()!);
                    Record(pendingProperty, At(reader.TokenStartIndex));
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    containers.Pop();
                    continue;
                }

                string valuePath;
                if (containers.Count == 0)
                {
                    valuePath = "$";
                    Record(valuePath, At(reader.TokenStartIndex));
                }
                else if (containers.Peek().IsArray)
                {
                    var (arrayPath, _, next) = containers.Pop();
                    containers.Push((arrayPath, true, next + 1));
                    valuePath = Index(arrayPath, next);
                    Record(valuePath, At(reader.TokenStartIndex));
                }
                else
                {
                    valuePath = pendingProperty ?? "$";
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    containers.Push((valuePath, false, 0));
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    containers.Push((valuePath, true, 0));
                }
            }
        }
        catch (JsonException)
        {
            // The file parsed already; a reader failure here only loses positions.
        }

        return positions;
    }
}
