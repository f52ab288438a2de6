"""The report DOCX is built once per version of the agency's stored summary."""

from doithoai.documents import service
from doithoai.petitions import actions as pet
from doithoai.testing.factories import aware


def test_report_is_reused_until_a_write(client, cast, world, time_machine, monkeypatch):
    time_machine.move_to(aware(2018, 8, 1, 9), tick=False)
    built = []
    real = service.build

    def counting(*args, **kwargs):
        built.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "build", counting)
    client.force_login(cast.head)
    url = f"/van-ban/bao-cao/{cast.agency.code}/2018-6thang1.docx"
    first = client.get(url)  # stores the summary
    second = client.get(url)  # builds from the fresh summary and caches the file
    third = client.get(url)
    assert first.status_code == second.status_code == third.status_code == 200
    assert len(built) == 2 and third.content == second.content
    pet.submit_petition(agency=cast.agency, title="Mới", content="Nội dung.", by=cast.staff)
    client.get(url)
    assert len(built) == 3  # the write made a new summary version: built again
    client.force_login(cast.staff)
    assert client.get(url).status_code == 403  # the cache never skips the permission check
