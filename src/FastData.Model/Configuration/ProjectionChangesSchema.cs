using System.Text.Json;
using FastData.Model.Strategies;

namespace FastData.Model.Configuration;

/// <summary>
/// <c>projectionChangesSchema.json</c> (Fast Data format, version 1.0.0): per single view, explicit paths from a
/// projection to the records that identify single views. When a single view lists paths starting at a projection,
/// they replace the derived strategy for that projection.
/// <c>{"version":"1.0.0","config":{"SV":{"paths":[{"path":["changed","...","last"],"identifier":{"ID_FIELD":"LAST_FIELD"}}]}}}</c>
/// </summary>
public sealed class ProjectionChangesSchema
{
    /// <summary>The file name in the configuration folder.</summary>
    public const string FileName = "projectionChangesSchema.json";

    private static readonly string[] Versions = ["1.0.0"];

    private ProjectionChangesSchema(IReadOnlyDictionary<string, IReadOnlyList<ProjectionChangePath>> paths) => Paths = paths;

    /// <summary>The override paths by single-view name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProjectionChangePath>> Paths { get; }

    internal static ProjectionChangesSchema? Parse(ConfigFile file, IReadOnlyDictionary<string, ProjectionDefinition> projections,
        IReadOnlyDictionary<string, SingleViewDefinition> singleViews, CustomFunctionRegistry functions)
    {
        var config = file.ReadEnvelope(Versions, out _);
        if (config is null)
        {
            return null;
        }

        var result = new Dictionary<string, IReadOnlyList<ProjectionChangePath>>(StringComparer.Ordinal);
        foreach (var (svName, svValue, svPath) in file.Properties(config.Value, "$.config"))
        {
            if (!singleViews.TryGetValue(svName, out var singleView))
            {
                file.Error(svPath, $"unknown single view '{svName}'");
                continue;
            }

            if (!file.ExpectObject(svValue, svPath))
            {
                continue;
            }

            file.CheckKeys(svValue, svPath, "paths");
            var pathsPath = ConfigFile.Child(svPath, "paths");
            if (!svValue.TryGetProperty("paths", out var pathsElement) || pathsElement.ValueKind != JsonValueKind.Array)
            {
                file.Error(svPath, "'paths' must be an array");
                continue;
            }

            var list = new List<ProjectionChangePath>();
            var index = 0;
            foreach (var item in pathsElement.EnumerateArray())
            {
                var itemPath = ConfigFile.Index(pathsPath, index++);
                var parsed = ParsePath(file, item, itemPath, projections, singleView, functions);
                if (parsed is not null)
                {
                    list.Add(parsed);
                }
            }

            result[svName] = list;
        }

        return new ProjectionChangesSchema(result);
    }

    private static ProjectionChangePath? ParsePath(ConfigFile file, JsonElement item, string itemPath,
        IReadOnlyDictionary<string, ProjectionDefinition> projections, SingleViewDefinition singleView, CustomFunctionRegistry functions)
    {
        if (!file.ExpectObject(item, itemPath))
        {
            return null;
        }

        file.CheckKeys(item, itemPath, "path", "identifier");
        var pathPath = ConfigFile.Child(itemPath, "path");
        if (!item.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.Array || pathElement.GetArrayLength() == 0)
        {
            file.Error(itemPath, "'path' must be a non-empty array of projection names");
            return null;
        }

        var names = new List<string>();
        var ok = true;
        var i = 0;
        foreach (var step in pathElement.EnumerateArray())
        {
            var stepPath = ConfigFile.Index(pathPath, i++);
            if (step.ValueKind != JsonValueKind.String || !projections.ContainsKey(step.GetString()!))
            {
                file.Error(stepPath, step.ValueKind == JsonValueKind.String ? $"unknown projection '{step.GetString()}'" : "must be a projection name");
                ok = false;
                continue;
            }

            names.Add(step.GetString()!);
        }

        if (!ok)
        {
            return null;
        }

        var hops = new List<ProjectionChangeHop>();
        for (var h = 0; h + 1 < names.Count; h++)
        {
            var (from, to) = (names[h], names[h + 1]);
            var reverse = singleView.ErSchema.Conditions.FirstOrDefault(c => c.From == to && c.To == from);
            var forward = singleView.ErSchema.Conditions.FirstOrDefault(c => c.From == from && c.To == to);
            if (reverse is null && forward is null)
            {
                file.Error(ConfigFile.Index(pathPath, h + 1), $"no ER condition relates '{from}' and '{to}' in {singleView.ErSchema.File}");
                ok = false;
                continue;
            }

            hops.Add(reverse is not null ? new ProjectionChangeHop(reverse, Reverse: true) : new ProjectionChangeHop(forward!, Reverse: false));
        }

        var last = projections[names[^1]];
        var identifier = new List<(string IdentifierField, string Field)>();
        item.TryGetProperty("identifier", out var identifierElement);
        var identifierPath = ConfigFile.Child(itemPath, "identifier");
        if (identifierElement.ValueKind == JsonValueKind.String
            && identifierElement.GetString() is { } text && text.StartsWith("__fromFile__[", StringComparison.Ordinal) && text.EndsWith(']'))
        {
            var name = text["__fromFile__[".Length..^1];
            if (!functions.TryGetStrategy(name, out var strategy))
            {
                file.Error(identifierPath, $"unknown strategy function '{name}' (register it in CustomFunctionRegistry)");
                return null;
            }

            return ok ? new ProjectionChangePath(names, hops, [], strategy) : null;
        }

        if (identifierElement.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
        {
            file.Error(identifierPath, "must be an object (identifier field -> field of the last projection) or \"__fromFile__[name]\"");
            return null;
        }

        foreach (var keyField in singleView.KeyFields)
        {
            var field = keyField.ProjectionField;
            if (identifierElement.ValueKind == JsonValueKind.Object && identifierElement.TryGetProperty(keyField.ProjectionField, out var mapped))
            {
                field = mapped.ValueKind == JsonValueKind.String ? mapped.GetString()! : string.Empty;
            }

            if (!last.Fields.ContainsKey(field))
            {
                file.Error(identifierElement.ValueKind == JsonValueKind.Object ? identifierPath : itemPath,
                    $"projection '{last.Name}' has no field '{field}' for identifier field '{keyField.ProjectionField}'");
                ok = false;
                continue;
            }

            identifier.Add((keyField.ProjectionField, field));
        }

        return ok ? new ProjectionChangePath(names, hops, identifier) : null;
    }
}
