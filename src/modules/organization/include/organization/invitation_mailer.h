#pragma once

#include <string>

#include "organization/organization_types.h"
#include "platform/core/time.h"
#include "platform/db/unit_of_work.h"

namespace slotbase::organization {

/// An invitation to a facility's roster as it is e-mailed: `link` opens the player app's accept
/// page with the invitation's token, good once until `expires_at`.
struct InvitationMessage {
  InvitationId invitation_id;
  FacilityId facility_id;
  std::string facility_name;
  std::string to;
  std::string link;
  Instant expires_at;
  std::string invited_by;  // the staff member's name, or empty
};

/// The invitation e-mail. Declared here, where it is needed, and implemented by the module that
/// delivers messages (notification, which is built after organization); the composition root's
/// registry joins them. Written in the caller's unit of work, so it goes out exactly when the
/// token it carries is stored. The link holds a secret: an implementation must not keep it in
/// clear, in its tables, its events or its logs. Thread-safe.
class InvitationMailer {
 public:
  virtual ~InvitationMailer() = default;
  virtual void send_invitation(const db::UnitOfWork& work, const InvitationMessage& message) = 0;
};

}  // namespace slotbase::organization
