"""Views of the staff shell: login/logout, 工作台, password, organizations, users.

Each view: validate (form) → scoped fetch (selectors / scoping) → one service call → respond.
"""
from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from fazhi.core import auth as throttle
from fazhi.core import selectors, services
from fazhi.core.choices import READ_ONLY_ROLES, Role
from fazhi.core.forms import (
    LoginForm,
    MembershipAddForm,
    OrganizationForm,
    OrgFilterForm,
    OwnPasswordChangeForm,
    SetPasswordForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
    apply_validation_error,
)
from fazhi.core.models import Membership
from fazhi.core.scoping import access, can_write, has_role, user_roles
from fazhi.core.scoping import writable_orgs

logger = logging.getLogger(__name__)


def _rid(request) -> str:
    return getattr(request, "request_id", "")


# ----------------------------------------------------------------------------- login / logout

class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from django.conf import settings

        ctx = super().get_context_data(**kwargs)
        ctx["max_failures"] = getattr(settings, "LOGIN_MAX_FAILURES", 5)
        return ctx

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        throttle.reset(user.get_username())
        throttle.log_login(self.request, user)
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView answers GET with 405)."""

    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            throttle.log_logout(request, request.user)
        response = super().post(request, *args, **kwargs)
        messages.info(request, "您已安全退出。")
        return response


@login_required
def password_change(request):
    form = OwnPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=request.user,
                                       password=form.cleaned_data["new_password1"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect("core:home")
    return render(request, "core/password_change.html", {"form": form}, status=400 if form.errors else 200)


# ----------------------------------------------------------------------------- 工作台

def _deadline_widget(request) -> str:
    """The deadline board partial of ``fazhi.core.deadlines``, or "" when that module is not there."""
    try:
        from fazhi.core import deadlines
    except ImportError:
        return ""
    fn = getattr(deadlines, "board_context", None) or getattr(deadlines, "deadline_board", None)
    if fn is None:
        return ""
    try:
        template = get_template("core/calendar/_board_widget.html")
    except TemplateDoesNotExist:
        return ""
    try:
        ctx = fn(request.user)
        if not isinstance(ctx, dict):
            ctx = {"board": ctx}
        return mark_safe(template.render(ctx, request))  # noqa: S308 - rendered by our own template
    except Exception:  # a broken widget must not take the home page down
        logger.exception("deadline board widget failed")
        return ""


@login_required
@require_safe
def home(request):
    user = request.user
    roles = {r["role"] for r in user_roles(user)}
    is_admin = user.is_superuser or Role.ADMIN in roles
    is_leader = not is_admin and bool(roles) and roles <= set(READ_ONLY_ROLES)
    own_orgs = []
    for r in user_roles(user):
        if r["organization"] not in own_orgs:
            own_orgs.append(r["organization"])
    ctx = {
        "is_admin": is_admin,
        "is_leader": is_leader,
        "own_orgs": own_orgs,
        "activity": selectors.recent_activity(user, limit=10),
        "deadline_widget": _deadline_widget(request),
        "counts": selectors.county_counts(user) if (is_admin or is_leader) else [],
        "visible_org_count": len(selectors.org_tree(user)) if is_leader else 0,
        "no_membership": not roles and not user.is_superuser,
        "links": _quick_links(audit=is_admin),
    }
    return render(request, "core/home.html", ctx)


def _quick_links(*, audit: bool) -> dict[str, str]:
    """Links of the home page; the audit log only for those who may open it (法治办管理员)."""
    from django.urls import NoReverseMatch

    out = {}
    names = [("board", "calendar:board"), ("excel", "excel:index"), ("rules", "calendar:rules")]
    if audit:
        names.append(("audit", "files:audit"))
    for key, name in names:
        try:
            out[key] = reverse(name)
        except NoReverseMatch:
            pass
    return out


# ----------------------------------------------------------------------------- organizations

@login_required
@require_safe
def org_list(request):
    filters = OrgFilterForm(request.GET or None)
    q = kind = ""
    if filters.is_valid():
        q, kind = filters.cleaned_data["q"], filters.cleaned_data["kind"]
    rows = selectors.org_tree(request.user, q=q, kind=kind)
    return render(request, "core/org_list.html", {
        "rows": rows, "filters": filters, "filtered": bool(q or kind),
        "can_create": selectors.can_write_somewhere(request.user),
    })


@login_required
@require_safe
def org_detail(request, code):
    org = selectors.org_get(request.user, code)
    return render(request, "core/org_detail.html", {
        "org": org,
        "children": selectors.org_children(request.user, org),
        "members": selectors.org_members(request.user, org),
        "history": selectors.record_history(request.user, "core.organization", org.code),
        "can_edit": can_write(request.user, org),
        "can_manage_users": has_role(request.user, Role.ADMIN) and can_write(request.user, org),
    })


def _org_form_kwargs(user):
    return {"parents": writable_orgs(user), "allow_top": user.is_superuser or has_role(user, Role.ADMIN)}


@login_required
def org_create(request):
    kwargs = _org_form_kwargs(request.user)
    if not kwargs["parents"].exists() and not kwargs["allow_top"]:
        raise PermissionDenied("您没有新增单位的权限。")
    initial = {}
    parent_code = request.GET.get("parent")
    if parent_code:
        parent = kwargs["parents"].filter(code=parent_code).first() if _is_uuid(parent_code) else None
        if parent is not None:
            initial = {"parent": parent.code, "region": parent.region.code}
    form = OrganizationForm(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = services.organization_create(
                actor=request.user, name=d["name"], kind=d["kind"], region=d["region"], parent=d["parent"],
                short_name=d["short_name"], credit_code=d["credit_code"], sort_order=d["sort_order"],
                request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已新增单位“{org.name}”。")
            return redirect("core:org_detail", code=org.code)
    return render(request, "core/org_form.html", {"form": form, "org": None},
                  status=400 if form.errors else 200)


@login_required
def org_edit(request, code):
    org = selectors.org_get(request.user, code, write=True)
    kwargs = _org_form_kwargs(request.user)
    if org.parent_id is None:
        kwargs["allow_top"] = True  # a top-level unit may stay at the top
    initial = {"name": org.name, "short_name": org.short_name, "kind": org.kind,
               "parent": org.parent.code if org.parent else None, "region": org.region.code,
               "credit_code": org.credit_code, "sort_order": org.sort_order, "is_active": org.is_active}
    form = OrganizationForm(request.POST or None, initial=initial, instance=org, **kwargs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = {k: d[k] for k in ("name", "short_name", "kind", "parent", "region", "credit_code", "sort_order",
                                  "is_active")}
        try:
            services.organization_update(actor=request.user, org=org, data=data, request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
            org.refresh_from_db()
        else:
            messages.success(request, f"已保存单位“{org.name}”。")
            return redirect("core:org_detail", code=org.code)
    return render(request, "core/org_form.html", {"form": form, "org": org},
                  status=400 if form.errors else 200)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# ----------------------------------------------------------------------------- users

def _require_admin(user) -> None:
    if not (user.is_superuser or has_role(user, Role.ADMIN)):
        raise PermissionDenied("只有法治办管理员可以管理用户。")


@login_required
@require_safe
def user_list(request):
    filters = UserFilterForm(request.GET or None)
    q = role = active = ""
    if filters.is_valid():
        q, role, active = (filters.cleaned_data["q"], filters.cleaned_data["role"], filters.cleaned_data["active"])
    users = selectors.user_list(request.user, q=q, role=role, active=active)
    page = Paginator(users, 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "core/user_list.html", {
        "page": page, "filters": filters, "querystring": params.urlencode(),
        "can_create": request.user.is_superuser or has_role(request.user, Role.ADMIN),
    })


@login_required
def user_create(request):
    _require_admin(request.user)
    orgs = writable_orgs(request.user)
    form = UserCreateForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user, username=d["username"], name=d["name"], organization=d["organization"],
                roles=d["roles"], password=d["password1"], phone=d["phone"], email=d["email"],
                request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已新增用户“{user.display_name}”。")
            return redirect("core:user_edit", pk=user.pk)
    return render(request, "core/user_create.html", {"form": form}, status=400 if form.errors else 200)


def _user_page(request, target, form, member_form, status=200):
    memberships = selectors.user_memberships(request.user, target)
    return render(request, "core/user_edit.html", {
        "target": target, "form": form, "member_form": member_form, "memberships": memberships,
        "history": selectors.record_history(request.user, "core.user", target.pk),
        "is_self": target.pk == request.user.pk,
    }, status=status)


@login_required
def user_edit(request, pk):
    target = selectors.user_get(request.user, pk)
    _require_admin(request.user)
    orgs = writable_orgs(request.user)
    form = UserEditForm(request.POST or None,
                        initial={"name": target.name, "phone": target.phone, "email": target.email})
    member_form = MembershipAddForm(organizations=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=target, data=form.cleaned_data, request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "用户信息已保存。")
            return redirect("core:user_edit", pk=target.pk)
    return _user_page(request, target, form, member_form, status=400 if form.errors else 200)


@login_required
@require_POST
def user_set_active(request, pk):
    target = selectors.user_get(request.user, pk)
    _require_admin(request.user)
    active = request.POST.get("active") == "1"
    if target.pk == request.user.pk and not active:
        messages.error(request, "不能停用自己的账号。")
        return redirect("core:user_edit", pk=target.pk)
    services.user_update(actor=request.user, user=target, data={"is_active": active}, request_id=_rid(request))
    messages.success(request, f"已{'启用' if active else '停用'}用户“{target.display_name}”。")
    return redirect("core:user_edit", pk=target.pk)


@login_required
def user_password(request, pk):
    target = selectors.user_get(request.user, pk)
    _require_admin(request.user)
    form = SetPasswordForm(target, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=target, password=form.cleaned_data["new_password1"],
                                       request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"已重置用户“{target.display_name}”的密码。")
            return redirect("core:user_edit", pk=target.pk)
    return render(request, "core/user_password.html", {"form": form, "target": target},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def membership_add(request, pk):
    target = selectors.user_get(request.user, pk)
    _require_admin(request.user)
    form = MembershipAddForm(request.POST, organizations=writable_orgs(request.user))
    if form.is_valid():
        try:
            services.membership_add(actor=request.user, user=target, organization=form.cleaned_data["organization"],
                                    role=form.cleaned_data["role"], request_id=_rid(request))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "已授予角色。")
            return redirect("core:user_edit", pk=target.pk)
    edit_form = UserEditForm(initial={"name": target.name, "phone": target.phone, "email": target.email})
    return _user_page(request, target, edit_form, form, status=400)


@login_required
@require_POST
def membership_remove(request, pk, membership_id):
    target = selectors.user_get(request.user, pk)
    _require_admin(request.user)
    membership = access(Membership.objects.filter(user=target).select_related("organization"), request.user,
                        write=True, pk=membership_id)
    if Membership.objects.filter(user=target).count() <= 1:
        messages.error(request, "用户至少需要保留一个角色；如不再使用，请停用该账号。")
        return redirect("core:user_edit", pk=target.pk)
    services.membership_remove(actor=request.user, membership=membership, request_id=_rid(request))
    messages.success(request, "已撤销角色。")
    return HttpResponseRedirect(reverse("core:user_edit", args=[target.pk]))


@login_required
@require_POST
def membership_reads_county(request, pk, membership_id):
    """Switch 全县查阅 (county-wide read) on or off for one of a user's roles."""
    target = selectors.user_get(request.user, pk)
    _require_admin(request.user)
    membership = access(Membership.objects.filter(user=target).select_related("organization"), request.user,
                        write=True, pk=membership_id)
    on = request.POST.get("reads_county") == "1"
    services.membership_set_reads_county(actor=request.user, membership=membership, reads_county=on,
                                         request_id=_rid(request))
    messages.success(request, "已开通全县查阅。" if on else "已取消全县查阅。")
    return HttpResponseRedirect(reverse("core:user_edit", args=[target.pk]))

