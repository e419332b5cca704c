"""The clause register: every principle, duty, relationship and task of the Regulation.

Each clause carries the Vietnamese text exactly as in the Regulation (typing slips included,
since the original is authoritative) and an English translation. A clause is either cited by
rules of the catalogue or carries the reason it cannot be checked from events.
"""

from __future__ import annotations

from ._model import Clause, Section

_P = Section.PRINCIPLES
_D = Section.DUTIES
_R = Section.RELATIONSHIPS
_B = Section.ORGANIZATION_BOARD

CLAUSES: tuple[Clause, ...] = (
    Clause(
        id="P1",
        section=_P,
        vi="Tuân thủ các nghị quyết, quy định, quy chế của Đảng, chính sách, pháp luật của Nhà "
        "nước, của Ban Thường vụ Tỉnh ủy và của địa phương.",
        en="Comply with the resolutions, regulations and rules of the Party, the policies and "
        "laws of the State, and those of the Provincial Standing Committee and the locality.",
        unchecked="general compliance with all Party and State rules is not an event",
    ),
    Clause(
        id="P2",
        section=_P,
        vi="Thực hiện chức trách, nhiệm vụ theo đúng thẩm quyền và trách nhiệm được giao bảo đảm "
        "sự phối hợp, trao đổi thông tin kịp thời, hiệu quả.",
        en="Perform functions and duties within the authority and responsibility assigned, "
        "ensuring timely and effective coordination and exchange of information.",
        unchecked="acting within one's authority and coordinating well are qualitative",
    ),
    Clause(
        id="P3",
        section=_P,
        vi="Chấp hành sự lãnh đạo, chỉ đạo của Ban Thường vụ Tỉnh ủy, của đồng chí ủy viên Ban "
        "Thường vụ Tỉnh ủy phụ trách các đảng bộ huyện, thành phố.",
        en="Abide by the leadership and direction of the Provincial Standing Committee and of the "
        "Standing Committee member in charge of the district and city Party committees.",
        unchecked="obedience to direction is not recorded as events",
    ),
    Clause(
        id="P4",
        section=_P,
        vi="Thời gian phân công theo dõi địa bàn xã theo nhiệm kỳ đại hội đảng bộ các cấp.",
        en="The period of an assignment to monitor a commune follows the congress terms of the "
        "Party organisations at every level.",
    ),
    Clause(
        id="P5",
        section=_P,
        vi="Trong thời gian theo dõi địa bàn, nếu cán bộ nào không hoàn thành nhiệm vụ thì Ban "
        "Thường vụ Tỉnh ủy sẽ xem xét, phân công cán bộ khác thay thế.",
        en="If, during the monitoring period, an officer does not complete their duties, the "
        "Provincial Standing Committee will consider the case and assign another officer as a "
        "replacement.",
    ),
    Clause(
        id="P6",
        section=_P,
        vi="Trường hợp cán bộ theo dõi địa bàn vi phạm các quy định của Đảng và pháp luật của Nhà "
        "nước trong quá trình thực hiện nhiệm vụ sẽ phải xử lý nghiêm minh, kịp thời theo đúng "
        "quy định.",
        en="A monitoring officer who breaks the Party's rules or the State's law while on duty "
        "shall be handled strictly and in a timely manner, as the rules provide.",
    ),
    Clause(
        id="D1",
        section=_D,
        vi="Nhiệm vụ của cán bộ theo dõi các xã, phường, thị trấn theo dõi, hướng dẫn, nắm bắt "
        "tình hình và kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng, an "
        "ninh, xây dựng hệ thống chính trị; tình hình triển khai, thực hiện các chủ trương của "
        "Đảng, chính sách pháp luật của Nhà nước; tình hình đời sống, tâm trạng của nhân dân, "
        "mối quan hệ giữa nhân dân với hệ thống chính trị ở cơ sở.",
        en="The duties of the officers monitoring communes, wards and townships: to follow, guide "
        "and keep abreast of the situation and the results in carrying out the tasks of "
        "socio-economic development, national defence and security, and building the political "
        "system; the implementation of the Party's guidelines and the State's policies and "
        "laws; the people's lives and mood, and the relationship between the people and the "
        "political system at the grassroots.",
    ),
    Clause(
        id="D2",
        section=_D,
        vi="Kịp thời phản ánh, những khó khăn, vướng mắc; đề xuất, kiến nghị những mô hình mới, "
        "cách làm sáng tạo đế xã nghiên cứu triến khai thực hiện",
        en="Promptly raise difficulties and obstacles; propose and recommend new models and "
        "creative practices for the commune to study and put into practice.",
        slips=(("đế", "để"), ("triến", "triển")),
    ),
    Clause(
        id="D3",
        section=_D,
        vi="đề xuất Ban Thường vụ Tỉnh ủy sơ kết, tổng kết, nhân rộng mô hình mới, hiệu quả và "
        "góp ý sửa chữa, khắc phục kịp thời những hạn chế, yếu kém.",
        en="propose that the Provincial Standing Committee hold preliminary and final reviews of "
        "new, effective models and replicate them, and give comments so that limitations and "
        "weaknesses are corrected and remedied in time.",
        unchecked="whether a model deserves spreading is a judgement, not an event",
    ),
    Clause(
        id="D4",
        section=_D,
        vi="Sắp xếp thời gian phù hợp để ít nhất 3 tháng 1 lần đi công tác hoặc tham dự các cuộc "
        "họp ban chấp hành, ban thường vụ đảng ủy xã được phân công để theo dõi, giám sát, tư "
        "vấn, hướng dẫn, phối hợp tìm giải pháp triển khai thực hiện các nhiệm vụ chính trị của "
        "địa phương.",
        en="Arrange time to make a working visit, or to attend a meeting of the executive "
        "committee or the standing committee of the assigned commune's Party committee, at "
        "least once every 3 months, to monitor, supervise, advise, guide and jointly find "
        "solutions for the locality's political tasks.",
    ),
    Clause(
        id="D5",
        section=_D,
        vi="Khuyến khích cán bộ theo dõi dự sinh hoạt chi bộ ở khu dân cư.",
        en="Monitoring officers are encouraged to attend the meetings of residential Party cells.",
    ),
    Clause(
        id="D6",
        section=_D,
        vi="Phối hợp hướng dẫn, kiểm tra, giám sát, đôn đốc việc triển khai thực hiện các nghị "
        "quyết, chỉ thị, quy định, quy chế, kết luận của đảng ủy và cấp ủy cấp trên vào nhiệm vụ "
        "chính trị của địa phương.",
        en="Coordinate in guiding, inspecting, supervising and urging the putting into practice of "
        "the resolutions, directives, regulations, rules and conclusions of the Party committee "
        "and of the higher-level Party committees in the locality's political tasks.",
        unchecked="the quality of guidance and supervision is qualitative",
    ),
    Clause(
        id="D7",
        section=_D,
        vi="Tham gia ý kiến với lãnh đạo xã mà trực tiếp là thường trực, ban thường vụ đảng ủy "
        "trong triên khai, thực hiện các nhiệm vụ chính trị của địa phương.",
        en="Contribute opinions to the commune's leadership, directly its Party committee's "
        "standing office and standing committee, in deploying and carrying out the locality's "
        "political tasks.",
        slips=(("triên", "triển"),),
        unchecked="opinions given are not recorded as events",
    ),
    Clause(
        id="D8",
        section=_D,
        vi="Thực hiện các nhiệm vụ khác khi được Ban Thường vụ Tỉnh ủy, các đồng chí ủy viên Ban "
        "Thường vụ Tỉnh ủy phụ trách địa bàn phân công, chỉ đạo.",
        en="Carry out other tasks assigned or directed by the Provincial Standing Committee or "
        "the Standing Committee members in charge of the area.",
        unchecked="other tasks are open-ended and not described by the Regulation",
    ),
    Clause(
        id="R1",
        section=_R,
        vi="Với Ban Thường vụ Tỉnh ủy chịu sự phân công, lãnh đạo, chỉ đạo toàn diện, mọi mặt "
        "của Ban Thường vụ Tỉnh ủy",
        en="Towards the Provincial Standing Committee: be subject to its assignment and its "
        "comprehensive leadership and direction in every respect.",
        unchecked="being subject to direction is a relationship, not an event",
    ),
    Clause(
        id="R2",
        section=_R,
        vi="định kỳ 6 tháng, hằng năm báo cáo kết quả theo dõi về Ban Thường vụ Tỉnh ủy (qua Văn "
        "phòng Tỉnh ủy).",
        en="Every 6 months and every year, report the results of monitoring to the Provincial "
        "Standing Committee (through the Provincial Party Office).",
    ),
    Clause(
        id="R3",
        section=_R,
        vi="Chịu sự lãnh đạo, chỉ đạo của các đồng chí ủy viên Ban Thường vụ Tỉnh ủy phụ trách "
        "đảng bộ",
        en="Towards the Standing Committee members in charge: be subject to their leadership "
        "and direction.",
        unchecked="being subject to direction is a relationship, not an event",
    ),
    Clause(
        id="R4",
        section=_R,
        vi="thường xuyên trao đổi, báo cáo với đồng chí ủy viên Ban Thường vụ Tỉnh ủy phụ trách "
        "đảng bộ về tình hình kết quả, những vướng mắc, phát sinh ở địa bàn trong quá trình thực "
        "hiện nhiệm vụ.",
        en="Regularly exchange with and report to the Standing Committee member in charge on the "
        "situation, results, obstacles and new matters in the area while on duty.",
    ),
    Clause(
        id="R5",
        section=_R,
        vi="Các đồng chí ủy viên Ban Thường vụ Tỉnh ủy phụ trách đảng bộ có trách nhiệm theo dõi, "
        "đôn đốc, kiểm tra, giám sát, lắng nghe phản ánh của cán bộ theo dõi địa bàn trong thực "
        "hiện nhiệm vụ",
        en="The Standing Committee members in charge are responsible for following, urging, "
        "inspecting and supervising the monitoring officers and listening to what they raise.",
        unchecked="following and listening are qualitative; acting on raised issues is R6",
    ),
    Clause(
        id="R6",
        section=_R,
        vi="kịp thời trao đôi với thường trực cấp ủy cấp huyện để lãnh đạo, chỉ đạo thực hiện.",
        en="and promptly discuss them with the standing office of the district Party committee, so "
        "that it leads and directs their implementation.",
        slips=(("trao đôi", "trao đổi"),),
    ),
    Clause(
        id="R7",
        section=_R,
        vi="Chịu sự phân công thực hiện nhiệm vụ theo dõi xã của thủ trưởng cơ quan nơi công tác",
        en="Be subject to the assignment of the commune-monitoring duty by the head of the agency "
        "where the officer works.",
        unchecked="being subject to arrangements is a relationship, not an event",
    ),
    Clause(
        id="R8",
        section=_R,
        vi="thường xuyên báo cáo, thông tin tình hình, kết quả thực hiện của xã được theo dõi với "
        "thủ trưởng nơi công tác.",
        en="Regularly report and inform the head of the agency of the situation and results of "
        "the monitored commune.",
    ),
    Clause(
        id="R9",
        section=_R,
        vi="Thủ trưởng nơi công tác tạo điều kiện thuận lợi về thời gian, bố trí công việc,... để "
        "cán bộ theo dõi địa bàn thực hiện tốt nhiệm vụ được phân công.",
        en="The head of the agency provides favourable conditions (time, work arrangements and "
        "so on) so that the monitoring officer performs the assigned duty well.",
        unchecked="favourable conditions are qualitative",
    ),
    Clause(
        id="R10",
        section=_R,
        vi="Thường xuyên giữ mối liên hệ, làm việc trực tiếp với lãnh đạo cấp ủy, chính quyền, tồ "
        "chức chính trị - xã hội cấp xã, các phòng chuyên môn cấp huyện, thường trực cấp ủy cấp "
        "huyện để chủ động nắm bắt thông tin, trao đổi, hướng dẫn, đề xuất các lĩnh vực liên "
        "quan trực tiếp đến địa bàn theo dõi.",
        en="Regularly keep in touch and work directly with the leaders of the Party committee, the "
        "government and the socio-political organisations at commune level, the specialised "
        "divisions at district level and the standing office of the district Party committee, "
        "so as to proactively gather information, exchange views, guide and make proposals on "
        "the fields directly related to the monitored area.",
        slips=(("tồ chức", "tổ chức"),),
        unchecked="regular contact is open-ended; working visits are checked under D4",
    ),
    Clause(
        id="R11",
        section=_R,
        vi="Trước khi đến làm việc, cán bộ theo dõi địa bàn cần liên hệ với thường trực cấp ủy",
        en="Before coming to work, the officer monitoring the area needs to contact the standing "
        "office of the Party committee;",
    ),
    Clause(
        id="R12",
        section=_R,
        vi="khi cần thiết, có thể trao đổi trước với đồng chí lãnh đạo cấp ủy về thời gian, nội "
        "dung làm việc.",
        en="when necessary, the officer may discuss the time and content of the work beforehand "
        "with the leader of the Party committee.",
        unchecked="optional ('when needed, may'), so its absence is no finding",
    ),
    Clause(
        id="R13",
        section=_R,
        vi="Thường trực đảng ủy xã mời cán bộ theo dõi địa bàn tham dự các cuộc họp thường kỳ, "
        "đột xuất của đảng ủy có nội dung về nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - "
        "an ninh, xây dựng hệ thống chính trị",
        en="The standing office of the commune Party committee invites the officer monitoring the "
        "area to attend the Party committee's regular and unscheduled meetings whose content "
        "concerns socio-economic development, national defence and security, or building the "
        "political system.",
    ),
    Clause(
        id="R14",
        section=_R,
        vi="phối hợp chặt chẽ với cán bộ theo dõi địa bàn trong làm việc, trao đổi thông tin "
        "liên quan",
        en="It works closely with the monitoring officer and exchanges the relevant information.",
        unchecked="close coordination is qualitative",
    ),
    Clause(
        id="R15",
        section=_R,
        vi="tạo điều kiện đế cán bộ theo dõi địa bàn làm việc với các thôn, bản, tổ dân phố,... "
        "(nếu thấy cần thiết)",
        en="It creates conditions for the officer monitoring the area to work with the villages, "
        "hamlets, residential groups and the like (if found necessary).",
        slips=(("đế", "để"),),
        unchecked="needed only where the officer finds it necessary; not recorded as events",
    ),
    Clause(
        id="R16",
        section=_R,
        vi="Định kỳ hằng năm đảng ủy xã có nhận xét, đánh giá bằng văn bản về kết quả công tác "
        "của cán bộ theo dõi địa bàn trong quá trình thực hiện nhiệm vụ tại địa phương, có xác "
        "nhận của đồng chí ủy viên Ban Thường vụ Tỉnh ủy phụ trách đảng bộ, gửi về Ban Thường vụ "
        "Tỉnh ủy (qua Ban Tổ chức Tỉnh ủy) trước ngày 20/12 để xem xét, đánh giá cán bộ.",
        en="Every year the commune Party committee makes a written evaluation of the monitoring "
        "officer's work in the locality, confirmed by the Standing Committee member in charge, "
        "and sends it to the Provincial Standing Committee (through the Provincial "
        "Organization Board) before 20 December, for the evaluation of officers.",
    ),
    Clause(
        id="B1",
        section=_B,
        vi="Tham mưu Ban Thường vụ Tỉnh ủy quyết định phân công cán bộ lãnh đạo các cơ quan, đơn "
        "vị cấp tỉnh theo dõi địa bàn xã.",
        en="Advise the Provincial Standing Committee on deciding the assignment of leaders of "
        "province-level agencies and units to monitor communes.",
    ),
    Clause(
        id="B2",
        section=_B,
        vi="Chủ trì phối hợp với Văn phòng Tỉnh ủy triển khai, quán triệt Quy định này",
        en="Lead, with the Provincial Party Office, the deployment and dissemination of this "
        "Regulation.",
    ),
    Clause(
        id="B3",
        section=_B,
        vi="phối hợp với các cơ quan chuyên trách, tham mưu giúp việc Tỉnh ủy căn cứ mức độ hoàn "
        "thành nhiệm vụ của cán bộ theo dõi địa bàn để đề nghị Ban Thường vụ Tỉnh ủy xem xét, "
        "đánh giá, phân loại cán bộ hằng năm.",
        en="With the Provincial Party Committee's advisory agencies, propose each year, on the "
        "basis of how well the monitoring officers completed their duties, the Provincial "
        "Standing Committee's evaluation and classification of the officers.",
    ),
    Clause(
        id="B4",
        section=_B,
        vi="Chủ trì, phối hợp với các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy theo dõi, "
        "hướng dẫn, kiểm tra, giám sát thực hiện Quy định",
        en="Lead, with the advisory agencies, the following, guidance, inspection and "
        "supervision of the Regulation's implementation.",
        unchecked="supervision itself is what the checks of this catalogue support",
    ),
    Clause(
        id="B5",
        section=_B,
        vi="đề xuất Ban Thường vụ Tỉnh ủy xem xét, biểu dương, khen thưởng đối với cán bộ theo "
        "dõi địa bàn hoàn thành xuất sắc nhiệm vụ và có biện pháp chấn chỉnh, xử lý những cán bộ "
        "vi phạm.",
        en="propose that the Provincial Standing Committee consider, commend and reward the "
        "officers monitoring areas who excellently complete their duties, and take measures to "
        "rectify and handle officers who commit violations.",
    ),
    Clause(
        id="B6",
        section=_B,
        vi="Định kỳ tham mưu Ban Thường vụ Tỉnh ủy sơ kết, tổng kết thực hiện quy định.",
        en="Periodically advise the Provincial Standing Committee on preliminary and final "
        "reviews of the Regulation's implementation.",
    ),
)

HEADINGS: tuple[str, ...] = (
    "Nguyên tắc:",
    "Mối quan hệ công tác:",
    "Với các đồng chí ủy viên Ban Thường vụ Tỉnh ủy phụ trách đảng bộ:",
    "Với thủ trưởng cơ quan nơi công tác:",
    "Với cấp ủy địa phương:",
    "Ban Thường vụ Tỉnh ủy giao Ban Tổ chức Tỉnh ủy:",
)
"""Headings that introduce clauses and state nothing by themselves."""
