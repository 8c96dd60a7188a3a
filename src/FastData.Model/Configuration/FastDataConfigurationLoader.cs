namespace FastData.Model.Configuration;

/// <summary>
/// Loads a configuration folder: <c>projections.json</c>, <c>erSchema.json</c>, optional
/// <c>projectionChangesSchema.json</c>, and <c>singleViews/&lt;name&gt;/{aggregation.json, singleViewKey.json,
/// erSchema.json?, singleView.json?}</c>. Every error is collected; loading goes on after one.
/// </summary>
public static class FastDataConfigurationLoader
{
    /// <summary>The folder holding one subfolder per single view.</summary>
    public const string SingleViewsFolder = "singleViews";

    /// <summary>Loads and validates the folder.</summary>
    /// <param name="folderPath">The configuration folder.</param>
    /// <param name="functions">Custom cast functions, <c>__fromFile__</c> functions and validators the configuration may name.</param>
    public static ConfigurationLoadResult Load(string folderPath, CustomFunctionRegistry? functions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folderPath);
        functions ??= new CustomFunctionRegistry();
        var errors = new List<ConfigurationError>();
        if (!Directory.Exists(folderPath))
        {
            errors.Add(new ConfigurationError(".", "$", $"the configuration folder '{folderPath}' does not exist"));
            return new ConfigurationLoadResult(null, errors);
        }

        var projectionsFile = ConfigFile.Open(folderPath, ProjectionsParser.FileName, required: true, errors);
        var before = errors.Count;
        var projections = projectionsFile is null ? [] : ProjectionsParser.Parse(projectionsFile, functions);
        // Invalid projections are kept with placeholders, so only a missing or unreadable file makes every
        // projection reference unverifiable.
        var projectionsValid = projectionsFile is not null && (projections.Count > 0 || errors.Count == before);

        var erFile = ConfigFile.Open(folderPath, ErSchemaParser.FileName, required: true, errors);
        var erSchema = erFile is null
            ? new ErSchema(ErSchemaParser.FileName, [], isComplete: false)
            : ErSchemaParser.Parse(erFile, projections, projectionsValid);

        var singleViews = new Dictionary<string, SingleViewDefinition>(StringComparer.Ordinal);
        var svRoot = Path.Combine(folderPath, SingleViewsFolder);
        if (!Directory.Exists(svRoot))
        {
            errors.Add(new ConfigurationError(SingleViewsFolder, "$", "the folder is missing (one subfolder per single view)"));
        }
        else
        {
            var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var directory in Directory.GetDirectories(svRoot).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                var relative = $"{SingleViewsFolder}/{name}";
                if (seen.TryGetValue(name, out var other))
                {
                    errors.Add(new ConfigurationError(relative, "$", $"duplicate single-view name '{name}' (differs from '{other}' only by case)"));
                    continue;
                }

                seen[name] = name;
                var singleView = SingleViewParser.Parse(name, folderPath, relative, errors, projections, projectionsValid, erSchema, functions);
                if (singleView is not null)
                {
                    singleViews[name] = singleView;
                }
            }

            if (seen.Count == 0)
            {
                errors.Add(new ConfigurationError(SingleViewsFolder, "$", "declares no single view"));
            }
        }

        ProjectionChangesSchema? projectionChanges = null;
        var changesFile = ConfigFile.Open(folderPath, ProjectionChangesSchema.FileName, required: false, errors);
        if (changesFile is not null)
        {
            projectionChanges = ProjectionChangesSchema.Parse(changesFile, projections, singleViews, functions);
        }

        if (errors.Count > 0)
        {
            // Files in the order they were read, each file's errors by position (unpositioned ones first).
            var fileOrder = errors.Select(e => e.File).Distinct(StringComparer.Ordinal).Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
            var sorted = errors.Select((e, i) => (e, i))
                .OrderBy(x => fileOrder[x.e.File]).ThenBy(x => x.e.Line ?? 0).ThenBy(x => x.e.Column ?? 0).ThenBy(x => x.i)
                .Select(x => x.e).Distinct().ToList();
            return new ConfigurationLoadResult(null, sorted);
        }

        return new ConfigurationLoadResult(new FastDataModel(projections, erSchema, singleViews, projectionChanges), errors);
    }
}
