/* Course pages inside the SCORM package: tell the launch page (scorm-launch.js) which page was read
   and forward finished quizzes. Silent when the page is not inside the package's launch frame. */
(function () {
  "use strict";
  var host = null;
  try { if (window.parent !== window && window.parent.COIScorm) host = window.parent.COIScorm; } catch (e) { host = null; }
  if (!host) return;
  host.visit(location.pathname);
  window.addEventListener("coi-quiz:finished", function (e) { host.quizFinished(e.detail); });
})();
