package io.flashback.monitor.reputation;

/** The one a reputation is about: a provider wallet (lower case) or a Data Unit id. */
public record Subject(SubjectKind kind, String id) {

    public static Subject provider(String wallet) {
        return new Subject(SubjectKind.PROVIDER, wallet);
    }

    public static Subject dataUnit(String dataUnitId) {
        return new Subject(SubjectKind.DATA_UNIT, dataUnitId);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
