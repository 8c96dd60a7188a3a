using FastData.Model.Casting;

namespace FastData.Model.Configuration;

/// <summary>One field of a projection.</summary>
public sealed class FieldDefinition
{
    internal FieldDefinition(string name, FieldType type, string castFunction, CastFunction cast, bool required, bool nullable)
    {
        Name = name;
        Type = type;
        CastFunction = castFunction;
        Cast = cast;
        Required = required;
        Nullable = nullable;
    }

    /// <summary>The field name, as in the source record.</summary>
    public string Name { get; }

    /// <summary>The type of the value after casting.</summary>
    public FieldType Type { get; }

    /// <summary>The name of the cast function (a built-in or one registered in <see cref="CustomFunctionRegistry"/>).</summary>
    public string CastFunction { get; }

    /// <summary>The resolved cast function.</summary>
    public CastFunction Cast { get; }

    /// <summary>The source record must contain the field.</summary>
    public bool Required { get; }

    /// <summary>The field may be null.</summary>
    public bool Nullable { get; }
}
